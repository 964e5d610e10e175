describe "dual stack; every IPv6 packet to www.youtube.com's IPv6 address dropped by the censor, its IPv4 address untouched; other platforms and the controls reachable over both families"
dual_stack
block_ip youtube drop v6
if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
  expect youtube blocked tcp.partial -- "one address family of the platform times out on connect while the other works and the controls' IPv6 addresses connect; the remote vantage connects to the same IPv6 address (F1). One good address must not hide the blocking of the others (issue 11)"
else
  expect youtube inconclusive tcp.partial -- "one address times out while the other family works and the controls' IPv6 addresses connect; without a remote vantage a dead IPv6 server is not ruled out (F4), but ok would hide it (issue 11)"
fi
