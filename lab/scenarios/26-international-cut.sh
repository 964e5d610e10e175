describe "the country's international link is cut; the ISP resolver and domestic hosts still answer"
international_cut
expect platforms technical network.gateway_cut -- "every international host fails at once while domestic controls answer"
expect international technical network.gateway_cut
expect domestic ok
expect resolver:extra1 technical network.gateway_cut -- "abroad: unreachable with everything else abroad while the system resolver and the domestic controls answer"
expect resolver:extra2 technical network.gateway_cut -- "as extra1"
expect resolver:doh technical network.gateway_cut -- "as extra1"
