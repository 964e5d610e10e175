describe "ISP resolver answers www.instagram.com with another site's server (not a known blocking address)"
isp_dns instagram "$(host_addr example)"
expect instagram blocked dns.inconsistent -- "the local answer shares no address with the control resolver's and the server there presents a valid certificate for another name, while the control resolver's address validates (D10, high)"
