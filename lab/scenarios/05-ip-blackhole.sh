describe "every packet to www.tiktok.com's address is dropped (IP blackhole)"
block_ip tiktok drop
expect tiktok blocked tcp.timeout -- DNS agrees with the control resolver, every control connects, only this address times out on connect
