describe "dual stack: AAAA records for facebook, youtube, instagram, wikipedia, example and kaspi at every resolver; the IPv6 path is healthy"
dual_stack
expect all ok -- "every address of both families connects, validates and serves the page"
