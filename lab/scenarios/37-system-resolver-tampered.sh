describe "the system resolver (the ISP's) answers 10.10.34.36 for www.facebook.com while both extra resolvers and the DoH control resolver answer truly"
isp_dns facebook 10.10.34.36
expect facebook blocked dns.bogon -- "as 02-dns-bogons: the users' resolver answers a private address, the control resolver a public one; the extra resolvers' true answers do not undo what the users' path does"
expect resolvers ok -- "every resolver answers; the system resolver's lie about one name is the platform's blocking, recorded on the platform, and it answered every other name truly"
