#!/usr/bin/env node
// Test clusters for jobkit: etcd + kube-apiserver (+ kube-controller-manager running only the Job
// and garbage-collector controllers) of Kubernetes v1.37.2, built from the Go module proxy by
// build.sh, on free random 127.0.0.1 ports, state under .kube/NAME/.
//
//   node tools/kube/kube.mjs up [--name NAME] [--with-controller-manager]
//     prints KUBECONFIG=<absolute path> as its last line; a running NAME is reused
//   node tools/kube/kube.mjs down [--name NAME]
//     stops what `up` started for NAME (by PID) and removes its state
//   node tools/kube/kube.mjs status [--name NAME]
//
// Facts behind the flags: ../../../shared/upstream/real-apiserver.md.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = (name) => path.join(here, 'bin', name);
const NAME_RE = /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/;

function usage(msg) {
  if (msg) process.stderr.write(`kube: ${msg}\n`);
  process.stderr.write('usage: kube up [--name NAME] [--with-controller-manager] | kube down [--name NAME] | kube status [--name NAME] | kube restart-apiserver [--name NAME]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const [cmd, ...rest] = argv;
  if (!['up', 'down', 'status', 'restart-apiserver'].includes(cmd)) usage(cmd ? `unknown command "${cmd}"` : undefined);
  const opts = { cmd, name: 'default', withControllerManager: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') continue;
    if (a === '--name') opts.name = rest[++i];
    else if (a.startsWith('--name=')) opts.name = a.slice('--name='.length);
    else if (a === '--with-controller-manager' && cmd === 'up') opts.withControllerManager = true;
    else usage(`unknown flag "${a}"`);
  }
  if (!opts.name || !NAME_RE.test(opts.name)) usage(`--name must be a short DNS label (a-z, 0-9, -), got ${JSON.stringify(opts.name)}`);
  return opts;
}

const stateDir = (name) => path.join(root, '.kube', name);
const stateFile = (name) => path.join(stateDir(name), 'state.json');

function readState(name) {
  try {
    return JSON.parse(fs.readFileSync(stateFile(name), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeState(name, state) {
  fs.writeFileSync(stateFile(name), JSON.stringify(state, null, 2) + '\n');
}

/** A PID is ours while it runs the binary we started (a recycled PID is not). */
function alive(pid, binary) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return cmdline === binary;
  } catch {
    return true;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** CA, serving cert (127.0.0.1, localhost), admin client cert (system:masters), SA key pair. */
function makePki(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const ec = ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out'];
  openssl([...ec, 'ca.key'], dir);
  openssl(['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '3650', '-subj', '/CN=jobkit-test-ca', '-out', 'ca.crt'], dir);
  const sign = (name, subj, ext) => {
    openssl([...ec, `${name}.key`], dir);
    openssl(['req', '-new', '-key', `${name}.key`, '-subj', subj, '-out', `${name}.csr`], dir);
    fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-sha256', '-days', '3650', '-extfile', `${name}.ext`, '-out', `${name}.crt`], dir);
  };
  sign('apiserver', '/CN=kube-apiserver', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n');
  sign('admin', '/O=system:masters/CN=jobkit-admin', 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n');
  openssl([...ec, 'sa.key'], dir);
  openssl(['ec', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
}

function kubeconfigYaml(name, server, pki) {
  const b64 = (f) => fs.readFileSync(path.join(pki, f)).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${b64('ca.crt')}`,
    'users:',
    '- name: admin',
    '  user:',
    `    client-certificate-data: ${b64('admin.crt')}`,
    `    client-key-data: ${b64('admin.key')}`,
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    '    user: admin',
    `current-context: ${name}`,
    '',
  ].join('\n');
}

// Every request at Metadata level (who, what, which object, the response code): later tests
// count API requests per Job and per user agent from it.
const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: None
  nonResourceURLs: ["/readyz*", "/livez*", "/healthz*", "/version", "/openapi*", "/api", "/apis", "/apis/*"]
- level: None
  resources: [{ group: "coordination.k8s.io", resources: ["leases"] }]
- level: Metadata
`;

function start(binary, args, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  fs.closeSync(out);
  return child.pid;
}

function readyz(server, pki, pathName = '/readyz') {
  return new Promise((resolve) => {
    const url = new URL(pathName, server);
    const req = https.get(url, {
      ca: fs.readFileSync(path.join(pki, 'ca.crt')),
      cert: fs.readFileSync(path.join(pki, 'admin.crt')),
      key: fs.readFileSync(path.join(pki, 'admin.key')),
      timeout: 2000,
    }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

async function waitFor(what, fn, ms, check) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await fn()) return;
    if (check) check();
    await sleep(200);
  }
  throw new Error(`${what} not ready after ${ms / 1000} s`);
}

function tail(file, n = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

async function startEtcd(dir) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [client, peer] = [await freePort(), await freePort()];
    const log = path.join(dir, 'etcd.log');
    fs.rmSync(path.join(dir, 'etcd-data'), { recursive: true, force: true });
    const pid = start(bin('etcd'), [
      '--name=default',
      `--data-dir=${path.join(dir, 'etcd-data')}`,
      `--listen-client-urls=http://127.0.0.1:${client}`,
      `--advertise-client-urls=http://127.0.0.1:${client}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-cluster=default=http://127.0.0.1:${peer}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ], log);
    const ok = await new Promise((resolve) => {
      const deadline = Date.now() + 20000;
      const poll = () => {
        if (!alive(pid, bin('etcd'))) return resolve(false);
        const sock = net.connect(client, '127.0.0.1', () => { sock.destroy(); resolve(true); });
        sock.on('error', () => (Date.now() > deadline ? resolve(false) : setTimeout(poll, 200)));
      };
      poll();
    });
    if (ok) return { pid, port: client };
    stopPid(pid, bin('etcd'));
    process.stderr.write(`kube: etcd did not start (attempt ${attempt + 1}):\n${tail(log, 5)}\n`);
  }
  throw new Error('etcd did not start');
}

async function startApiserver(dir, etcdPort, fixedPort) {
  const pki = path.join(dir, 'pki');
  fs.writeFileSync(path.join(dir, 'audit-policy.yaml'), AUDIT_POLICY);
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = fixedPort ?? (await freePort());
    const server = `https://127.0.0.1:${port}`;
    const log = path.join(dir, 'kube-apiserver.log');
    const pid = start(bin('kube-apiserver'), [
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      `--tls-cert-file=${path.join(pki, 'apiserver.crt')}`,
      `--tls-private-key-file=${path.join(pki, 'apiserver.key')}`,
      `--client-ca-file=${path.join(pki, 'ca.crt')}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${path.join(pki, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(pki, 'sa.key')}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--endpoint-reconciler-type=none',
      // No controller creates the `default` service account: that plugin would reject every pod.
      '--disable-admission-plugins=ServiceAccount',
      `--audit-policy-file=${path.join(dir, 'audit-policy.yaml')}`,
      `--audit-log-path=${path.join(dir, 'audit.log')}`,
      '--audit-log-maxsize=200',
      '--audit-log-maxbackup=1',
      '--v=1',
    ], log);
    try {
      await waitFor('kube-apiserver', () => readyz(server, pki), 60000, () => {
        if (!alive(pid, bin('kube-apiserver'))) throw new Error('exited');
      });
      return { pid, port, server };
    } catch (e) {
      stopPid(pid, bin('kube-apiserver'));
      process.stderr.write(`kube: kube-apiserver did not start (attempt ${attempt + 1}: ${e.message}):\n${tail(log, 8)}\n`);
    }
  }
  throw new Error('kube-apiserver did not start');
}

async function startControllerManager(dir, kubeconfig) {
  const log = path.join(dir, 'kube-controller-manager.log');
  const pid = start(bin('kube-controller-manager'), [
    `--kubeconfig=${kubeconfig}`,
    '--controllers=job-controller,garbage-collector-controller',
    '--leader-elect=false',
    '--secure-port=0',
    '--use-service-account-credentials=false',
    '--v=1',
  ], log);
  await sleep(1500);
  if (!alive(pid, bin('kube-controller-manager'))) throw new Error(`kube-controller-manager exited:\n${tail(log)}`);
  return { pid };
}

function stopPid(pid, binary) {
  if (alive(pid, binary)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch { /* gone */ }
  }
}

async function stopAndWait(pid, binary, ms = 15000) {
  stopPid(pid, binary);
  const deadline = Date.now() + ms;
  while (alive(pid, binary) && Date.now() < deadline) await sleep(100);
  if (alive(pid, binary)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch { /* gone */ }
  }
}

async function up({ name, withControllerManager }) {
  execFileSync(path.join(here, 'build.sh'), { stdio: ['ignore', 'inherit', 'inherit'] });
  const dir = stateDir(name);
  const kubeconfig = path.join(dir, 'kubeconfig');
  let state = readState(name);
  const running = state
    && alive(state.etcd?.pid, bin('etcd'))
    && alive(state.apiserver?.pid, bin('kube-apiserver'))
    && (await readyz(state.apiserver.server, path.join(dir, 'pki')));
  if (running) {
    process.stderr.write(`kube: ${name} is running (${state.apiserver.server}); reusing it\n`);
  } else {
    if (state) await down({ name, quiet: true });
    fs.mkdirSync(dir, { recursive: true });
    const t0 = Date.now();
    makePki(path.join(dir, 'pki'));
    const etcd = await startEtcd(dir);
    state = { name, etcd };
    writeState(name, state);
    const apiserver = await startApiserver(dir, etcd.port);
    state.apiserver = apiserver;
    writeState(name, state);
    fs.writeFileSync(kubeconfig, kubeconfigYaml(name, apiserver.server, path.join(dir, 'pki')), { mode: 0o600 });
    process.stderr.write(`kube: ${name} ready at ${apiserver.server} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  if (withControllerManager && !alive(state.controllerManager?.pid, bin('kube-controller-manager'))) {
    state.controllerManager = await startControllerManager(dir, kubeconfig);
    writeState(name, state);
    process.stderr.write(`kube: ${name}: kube-controller-manager running job-controller and garbage-collector-controller\n`);
  }
  console.log(`KUBECONFIG=${kubeconfig}`);
}

async function down({ name, quiet }) {
  const state = readState(name);
  if (state) {
    await stopAndWait(state.controllerManager?.pid, bin('kube-controller-manager'));
    await stopAndWait(state.apiserver?.pid, bin('kube-apiserver'));
    await stopAndWait(state.etcd?.pid, bin('etcd'));
  }
  fs.rmSync(stateDir(name), { recursive: true, force: true });
  if (!quiet) process.stderr.write(state ? `kube: ${name} stopped\n` : `kube: ${name} was not running\n`);
}

// Stops kube-apiserver and starts it again on the same port with the same etcd (clients keep
// their kubeconfig): for tests of a controller reconnecting.
async function restartApiserver({ name }) {
  const state = readState(name);
  if (!state?.apiserver) throw new Error(`${name} is not running`);
  const t0 = Date.now();
  await stopAndWait(state.apiserver.pid, bin('kube-apiserver'));
  state.apiserver = await startApiserver(stateDir(name), state.etcd.port, state.apiserver.port);
  writeState(name, state);
  process.stderr.write(`kube: ${name}: kube-apiserver restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

async function status({ name }) {
  const state = readState(name);
  if (!state) {
    console.log(`${name}: not running`);
    process.exitCode = 1;
    return;
  }
  const ok = alive(state.apiserver?.pid, bin('kube-apiserver')) && (await readyz(state.apiserver.server, path.join(stateDir(name), 'pki')));
  console.log(`${name}: ${ok ? 'ready' : 'not ready'} ${state.apiserver?.server ?? ''}${alive(state.controllerManager?.pid, bin('kube-controller-manager')) ? ' (with kube-controller-manager)' : ''}`);
  console.log(`KUBECONFIG=${path.join(stateDir(name), 'kubeconfig')}`);
  process.exitCode = ok ? 0 : 1;
}

const opts = parseArgs(process.argv.slice(2));
try {
  await { up, down, status, 'restart-apiserver': restartApiserver }[opts.cmd](opts);
} catch (e) {
  process.stderr.write(`kube: ${e.message}\n`);
  process.exit(1);
}
