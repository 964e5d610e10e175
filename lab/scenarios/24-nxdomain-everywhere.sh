describe "web.telegram.org is NXDOMAIN at the ISP resolver and at the control resolver"
isp_dns telegram NXDOMAIN
ctl_dns telegram NXDOMAIN
expect telegram technical target.gone -- "the name does not exist anywhere, not only here"
