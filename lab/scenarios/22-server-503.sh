describe "www.tiktok.com answers 503 to everyone"
server tiktok 503
expect tiktok technical http.server_error -- "a 503 from a server presenting the platform's valid certificate: the platform itself is failing"
