describe "www.youtube.com's server is stopped: its host answers SYNs with RST, for everyone"
server youtube stopped
if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
  expect youtube technical target.down -- "the remote vantage is refused too: the server is down everywhere"
else
  expect youtube inconclusive tcp.refused -- "identical on the wire to 06-ip-reject; without a remote vantage it is not decidable"
fi
