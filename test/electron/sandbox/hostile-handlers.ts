/**
 * Handlers that try what a function from the internet might: read secrets, write where they
 * should not, exhaust the host. Each probe answers what it managed, so a test can say which were
 * contained. Node.js, Python and a custom runtime (a shell bootstrap).
 */
export const NODE_HOSTILE = `
const fs = require('node:fs');
const cp = require('node:child_process');

function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, code: err.code || err.name };
  }
}

/** Every process's environment this function can read, searched for the secret. */
function environs(secret) {
  const pids = fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p));
  const found = pids.filter((p) => attempt(() => fs.readFileSync('/proc/' + p + '/environ', 'latin1')).value?.includes(secret));
  return { pids: pids.length, found: found.length };
}

const probes = {
  environ: (e) => environs(e.secret),
  readFile: (e) => attempt(() => fs.readFileSync(e.path, 'utf8')),
  listDir: (e) => attempt(() => fs.readdirSync(e.path)),
  writeFile: (e) => attempt(() => fs.appendFileSync(e.path, e.text)),
  openFiles: () => {
    const fds = [];
    let error;
    for (let i = 0; i < 10000; i++) {
      try {
        fds.push(fs.openSync('/dev/null', 'r'));
      } catch (err) {
        error = err.code;
        break;
      }
    }
    for (const fd of fds) fs.closeSync(fd);
    return { opened: fds.length, error };
  },
  forkBomb: async () => {
    cp.spawn('/bin/sh', ['-c', 'b() { b | b & }; b'], { detached: true, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    console.log('processes seen: ' + fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).length);
    await new Promise(() => setInterval(() => {}, 1000));
  },
  memoryBomb: () => {
    const hold = [];
    for (;;) hold.push(Buffer.alloc(16 * 1024 * 1024, 1));
  },
  stdoutFlood: () => {
    const chunk = 'x'.repeat(1024 * 1024 - 1) + '\\n';
    for (let i = 0; i < 1024; i++) process.stdout.write(chunk);
    return 'flooded';
  },
  rawStdoutFlood: () => {
    const chunk = Buffer.alloc(1024 * 1024, 'y');
    for (let i = 0; i < 1024; i++) {
      for (let at = 0; at < chunk.length; ) {
        try {
          at += fs.writeSync(1, chunk, at);
        } catch (err) {
          if (err.code !== 'EAGAIN') throw err; // a full pipe: write again, as a flood would
        }
      }
    }
    return 'flooded';
  },
  infiniteLoop: () => {
    for (;;);
  },
  exit: () => process.exit(3),
  killParent: () => {
    const parent = attempt(() => process.kill(process.ppid, 'SIGKILL'));
    const all = attempt(() => process.kill(-1, 'SIGKILL'));
    return { ppid: process.ppid, parent, all };
  },
  whoami: () => {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const soft = (name) => new RegExp('^' + name + '\\\\s+(\\\\S+)', 'm').exec(limits)?.[1];
    return {
      uid: process.getuid(),
      tmp: require('node:os').tmpdir(),
      noNewPrivs: /^NoNewPrivs:\\s+(\\d)/m.exec(status)?.[1],
      capabilities: /^CapEff:\\s+(\\S+)/m.exec(status)?.[1],
      openFiles: soft('Max open files'),
      coreSize: soft('Max core file size'),
      fileSize: soft('Max file size'),
    };
  },
};

exports.handler = async (event) => probes[event.probe](event);
`;

export const PYTHON_HOSTILE = `import os, sys

def _attempt(fn):
    try:
        return {"ok": True, "value": fn()}
    except OSError as err:
        return {"ok": False, "code": err.__class__.__name__}

def _read(path):
    with open(path, "rb") as f:
        return f.read().decode("latin1")

def environ(event):
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    found = [p for p in pids if event["secret"] in (_attempt(lambda: _read("/proc/%s/environ" % p)).get("value") or "")]
    return {"pids": len(pids), "found": len(found)}

def read_file(event):
    return _attempt(lambda: _read(event["path"]))

def write_file(event):
    def write():
        with open(event["path"], "a") as f:
            f.write(event["text"])
    return _attempt(write)

def open_files(event):
    fds, error = [], None
    for _ in range(10000):
        try:
            fds.append(os.open("/dev/null", os.O_RDONLY))
        except OSError as err:
            error = err.errno
            break
    for fd in fds:
        os.close(fd)
    return {"opened": len(fds), "error": error}

def memory_bomb(event):
    hold = []
    while True:
        hold.append(bytearray(b"x" * (16 * 1024 * 1024)))

def stdout_flood(event):
    chunk = "x" * (1024 * 1024 - 1) + "\\n"
    for _ in range(1024):
        sys.stdout.write(chunk)
    return "flooded"

def exit_now(event):
    sys.exit(3)

PROBES = {"environ": environ, "readFile": read_file, "writeFile": write_file, "openFiles": open_files,
          "memoryBomb": memory_bomb, "stdoutFlood": stdout_flood, "exit": exit_now}

def handler(event, context):
    return PROBES[event["probe"]](event)
`;

/** A custom runtime that answers each event with what it could read of the host. */
export const BOOTSTRAP_HOSTILE = `#!/bin/sh
while true; do
  headers=$(mktemp)
  event=$(curl -sS -D "$headers" "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next")
  id=$(grep -i '^lambda-runtime-aws-request-id:' "$headers" | tr -d '\\r' | cut -d' ' -f2)
  secret=$(printf '%s' "$event" | sed 's/.*"secret":"\\([^"]*\\)".*/\\1/')
  found=0
  for f in /proc/[0-9]*/environ; do
    if grep -q "$secret" "$f" 2>/dev/null; then found=$((found + 1)); fi
  done
  home=$(ls -a "$(printf '%s' "$event" | sed 's/.*"home":"\\([^"]*\\)".*/\\1/')" 2>/dev/null | wc -l)
  curl -sS -X POST "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$id/response" -d "{\\"found\\":$found,\\"home\\":$home}" >/dev/null
done
`;
