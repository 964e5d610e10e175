describe "the country's international link is cut; the ISP resolver and domestic hosts still answer"
international_cut
expect platforms technical network.gateway_cut -- "every international host fails at once while domestic controls answer"
expect international technical network.gateway_cut
expect domestic ok
