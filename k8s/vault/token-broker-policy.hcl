# token-broker may read its key and nothing else (KV v2: the data/ path of the secret).
path "secret/data/token-broker/okta" {
  capabilities = ["read"]
}
