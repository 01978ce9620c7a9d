#!/usr/bin/env python3
"""bench/scale/deploy.py URL TOKEN COUNT WAT deploy|invoke: creates COUNT functions f-0000.. from WAT (deploy), or
invokes each of them once (invoke), over one keep-alive connection. Prints the seconds it took."""
import http.client, json, sys, time, urllib.parse

url, token, count, wat, step = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
module = open(wat, 'rb').read()
parts = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
auth = {'Authorization': 'Bearer ' + token}

def call(method, path, body=None, headers=None, expect=(200, 201, 204)):
    conn.request(method, path, body=body, headers={**auth, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    if response.status not in expect:
        raise SystemExit(f'{method} {path}: {response.status} {data[:200]!r}')
    return data

boundary = 'djinnbench'
upload = (f'--{boundary}\r\nContent-Disposition: form-data; name="module"; filename="hello.wat"\r\n'
          'Content-Type: application/octet-stream\r\n\r\n').encode() + module + f'\r\n--{boundary}--\r\n'.encode()
start = time.time()
if step == 'deploy':
    for i in range(count):
        name = f'f-{i:04d}'
        call('POST', '/api/functions', json.dumps({'name': name}), {'Content-Type': 'application/json'})
        call('POST', f'/api/functions/{name}/versions', upload, {'Content-Type': f'multipart/form-data; boundary={boundary}'})
    print(f'deployed {count} functions in {time.time() - start:.1f} s')
else:
    for i in range(count):
        call('GET', f'/fn/f-{i:04d}')
    print(f'invoked {count} functions once each in {time.time() - start:.1f} s')
