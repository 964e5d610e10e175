#!/usr/bin/env python3
"""An on-path DNS injector for the lab, python3 standard library only (runs as root in the censor namespace).

Two parts in one process:
  injector  an AF_PACKET socket on the client-facing interface sees every frame the client sends. For a UDP query to
            port 53 of type A for --name (any destination, or only the --only-to addresses), it sends the client a
            forged reply at once: the query's own id and question, one A record with --address, from the resolver's
            address and port, in an Ethernet frame addressed back to the sender. The query itself is not stopped.
  relay     the genuine path, made slow: the censor DNATs UDP :53 to each plain resolver to a local port of this
            process (--relay PORT=RESOLVER:53), which asks the resolver and sends its reply back after --delay
            seconds (conntrack turns the source back into the resolver's). This kernel lacks sch_netem, so the
            path's delay is made here; the client sees the same thing: the forged reply first, the genuine one late.
Every forged reply and every relayed reply is logged to stderr with a timestamp.
"""
import argparse
import os
import random
import signal
import socket
import struct
import sys
import threading
import time

ETH_P_IP = 0x0800
PACKET_OUTGOING = 4


def log(msg):
    sys.stderr.write("%.3f %s\n" % (time.time(), msg))
    sys.stderr.flush()


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def parse_question(dns):
    """(qname lower-case, qtype, end offset of the question) or None."""
    if len(dns) < 12 or dns[2] & 0x80:  # too short, or a reply
        return None
    qdcount = struct.unpack("!H", dns[4:6])[0]
    if qdcount != 1:
        return None
    labels, i = [], 12
    while True:
        if i >= len(dns):
            return None
        n = dns[i]
        if n == 0:
            i += 1
            break
        if n & 0xC0:
            return None
        labels.append(dns[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    if i + 4 > len(dns):
        return None
    qtype = struct.unpack("!H", dns[i:i + 2])[0]
    return ".".join(labels).lower(), qtype, i + 4


def forged_reply(query, question_end, address):
    qid = query[:2]
    flags = 0x8180 | (struct.unpack("!H", query[2:4])[0] & 0x0100)  # QR, RA, and the query's RD
    header = qid + struct.pack("!HHHHH", flags, 1, 1, 0, 0)
    answer = struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + socket.inet_aton(address)
    return header + query[12:question_end] + answer


def injector(s, args, stop):
    name = args.name.lower().rstrip(".")
    only = set(args.only_to or [])
    while not stop.is_set():
        frame, meta = s.recvfrom(65535)
        if meta[2] == PACKET_OUTGOING or len(frame) < 14 + 20 + 8:
            continue
        ip = frame[14:]
        ihl = (ip[0] & 0x0F) * 4
        if ip[0] >> 4 != 4 or ip[9] != 17 or len(ip) < ihl + 8:
            continue
        src, dst = ip[12:16], ip[16:20]
        sport, dport = struct.unpack("!HH", ip[ihl:ihl + 4])
        if dport != 53 or (only and socket.inet_ntoa(dst) not in only):
            continue
        dns = ip[ihl + 8:]
        q = parse_question(dns)
        if not q or q[0] != name or q[1] != 1:
            continue
        payload = forged_reply(dns, q[2], args.address)
        udp_len = 8 + len(payload)
        pseudo = dst + src + struct.pack("!BBH", 0, 17, udp_len)  # reply goes dst -> src
        udp = struct.pack("!HHHH", 53, sport, udp_len, 0) + payload
        udp = udp[:6] + struct.pack("!H", checksum(pseudo + udp) or 0xFFFF) + udp[8:]
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, random.randint(0, 0xFFFF), 0, 64, 17, 0, dst, src)
        iph = iph[:10] + struct.pack("!H", checksum(iph)) + iph[12:]
        eth = frame[6:12] + frame[0:6] + struct.pack("!H", ETH_P_IP)
        s.send(eth + iph + udp)
        log("forged %s A %s -> %s:%d (query id %d to %s)" % (name, args.address, socket.inet_ntoa(src), sport,
                                                           struct.unpack("!H", dns[:2])[0], socket.inet_ntoa(dst)))


def relay(s, upstream, delay, stop):
    host, _, uport = upstream.rpartition(":")

    def one(query, client):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                u.settimeout(5)
                u.sendto(query, (host, int(uport)))
                reply, _ = u.recvfrom(65535)
            time.sleep(delay)
            s.sendto(reply, client)
            q = parse_question(query)
            log("relayed %s reply from %s to %s:%d after %.3fs" % (q[0] if q else "?", host, client[0], client[1],
                                                                  delay))
        except OSError as e:
            log("relay %s: %s" % (upstream, e))

    while not stop.is_set():
        query, client = s.recvfrom(65535)
        threading.Thread(target=one, args=(query, client), daemon=True).start()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iface", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--address", required=True, help="the IPv4 address the forged replies carry")
    ap.add_argument("--delay", type=float, default=0.3)
    ap.add_argument("--listen", required=True, help="the censor's address the relays listen on")
    ap.add_argument("--relay", action="append", default=[], help="PORT=RESOLVER:53 (repeatable)")
    ap.add_argument("--only-to", action="append", help="forge only for queries to this resolver address")
    ap.add_argument("--pid-file")
    args = ap.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    # Every socket is bound before "ready" is said, so a failure shows as an exit, not as a silent thread.
    sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_IP))
    sniffer.bind((args.iface, ETH_P_IP))
    threads = [threading.Thread(target=injector, args=(sniffer, args, stop), daemon=True)]
    for r in args.relay:
        port, _, upstream = r.partition("=")
        rs = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rs.bind((args.listen, int(port)))
        threads.append(threading.Thread(target=relay, args=(rs, upstream, args.delay, stop), daemon=True))
    for t in threads:
        t.start()
    if args.pid_file:
        with open(args.pid_file, "w") as f:
            f.write("%d\n" % os.getpid())
    log("ready: forging %s A -> %s on %s; relays %s with %.3fs delay" % (args.name, args.address, args.iface,
                                                                      ", ".join(args.relay) or "none", args.delay))
    while all(t.is_alive() for t in threads):
        time.sleep(0.5)
    log("a thread died; exiting")
    return 1


if __name__ == "__main__":
    sys.exit(main())
