describe "every packet to www.tiktok.com's address is dropped (IP blackhole)"
block_ip tiktok drop
if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
  expect tiktok blocked tcp.timeout -- "the remote vantage connects to the same address at the same time (F1)"
else
  expect tiktok inconclusive tcp.timeout -- "one platform timing out on connect looks like a dead server from inside; without a remote vantage and with no second platform failing the same way a careful classifier cannot say blocked (F4; see 12-many-blocked for the cross-platform case)"
fi
