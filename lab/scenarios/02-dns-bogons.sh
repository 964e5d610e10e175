describe "ISP resolver answers 0.0.0.0, 127.0.0.1 and a private address for three platforms"
isp_dns facebook 0.0.0.0
isp_dns youtube 127.0.0.1
isp_dns telegram 10.10.34.36
expect facebook blocked dns.bogon -- "0.0.0.0 is never a platform's address; the control resolver gives a public one"
expect youtube blocked dns.bogon -- "loopback answer; the control resolver gives a public one"
expect telegram blocked dns.bogon -- "RFC 1918 answer (the address Iran's resolvers use); never dialled"
