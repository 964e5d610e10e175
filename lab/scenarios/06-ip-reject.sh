describe "every SYN to www.youtube.com's address is answered with RST by the censor"
block_ip youtube reset
if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
  expect youtube blocked tcp.refused -- "the remote vantage connects to the same address: the refusal is on our path (F1)"
else
  expect youtube inconclusive tcp.refused -- "a refused connect looks the same whether the censor or the server's own kernel sent the RST; without a remote vantage it is not decidable (F4; compare 21-server-stopped)"
fi
