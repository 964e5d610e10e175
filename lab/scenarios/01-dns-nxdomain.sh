describe "ISP resolver answers NXDOMAIN for www.facebook.com (a blocking order applied at the resolver)"
isp_dns facebook NXDOMAIN
expect facebook blocked dns.nxdomain -- "the control resolver has the name; only the ISP resolver denies it"
