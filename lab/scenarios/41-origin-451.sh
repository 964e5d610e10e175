describe "www.tiktok.com's own server answers 451 Unavailable For Legal Reasons over its valid certificate to the client's network (the origin's geoblock), and the page to everyone else"
server tiktok 451
expect tiktok technical target.geoblocked -- "a 451 on a validated HTTPS response can only come from the origin: the site refuses this country, the network does not block it (issue 11); compare 13-http-451, where a filter on the path answers plain HTTP"
