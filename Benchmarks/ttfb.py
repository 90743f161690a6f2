"""Time to first byte of a data query through the server versus running its reader directly.

Usage: ttfb.py SERVER_URL DAS2_SERVER_BINARY RUNS

Both sides ask for the same ten seconds of the bundled `random` source. Through the server the
clock runs from sending the request (on a kept-alive connection) to the first byte of the
response; directly, from starting `das2-server example random` to the first byte on its stdout.
The two are measured alternately; the difference of the medians is the server's overhead.
"""
import http.client
import statistics
import subprocess
import sys
import time
import urllib.parse

url, binary, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
begin, end = "2017-01-01T00:00:00", "2017-01-01T00:00:10"
parts = urllib.parse.urlsplit(url)
query = f"{parts.path}?server=dataset&dataset=Examples/Random&start_time={begin}&end_time={end}"

connection = http.client.HTTPConnection(parts.hostname, parts.port)
through_server = []
direct = []
# Alternate the two, so that a change of load on the machine weighs on both sides alike.
for _ in range(runs):
    start = time.perf_counter()
    connection.request("GET", query)
    response = connection.getresponse()
    response.read(1)
    through_server.append(time.perf_counter() - start)
    response.read()

    start = time.perf_counter()
    process = subprocess.Popen([binary, "example", "random", begin, end], stdout=subprocess.PIPE)
    process.stdout.read(1)
    direct.append(time.perf_counter() - start)
    process.stdout.read()
    process.wait()

server_ms = statistics.median(through_server) * 1e3
direct_ms = statistics.median(direct) * 1e3
print(f"| time to first byte, through the server | median {server_ms:.2f} ms (p90 {statistics.quantiles(through_server, n=10)[8] * 1e3:.2f} ms) |")
print(f"| time to first byte, reader run directly | median {direct_ms:.2f} ms (p90 {statistics.quantiles(direct, n=10)[8] * 1e3:.2f} ms) |")
paired_ms = statistics.median(s - d for s, d in zip(through_server, direct)) * 1e3
print(f"| server overhead | {server_ms - direct_ms:.2f} ms (median of the {runs} paired differences {paired_ms:.2f} ms) |")
