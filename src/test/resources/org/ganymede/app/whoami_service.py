"""A managed service for tests: answers at its JUPYTERHUB_SERVICE_URL with who the hub says it is."""
import json
import os
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse


class WhoAmI(BaseHTTPRequestHandler):
    def do_GET(self):
        ask = urllib.request.Request(
            os.environ["JUPYTERHUB_API_URL"] + "/user",
            headers={"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]},
        )
        with urllib.request.urlopen(ask) as reply:
            hub_says = json.load(reply)
        body = json.dumps({
            "path": self.path,
            "prefix": os.environ["JUPYTERHUB_SERVICE_PREFIX"],
            "pid": os.getpid(),
            "hub_says": hub_says,
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
HTTPServer((url.hostname, url.port), WhoAmI).serve_forever()
