#!/usr/bin/env node
// Runs the given date-sensitive test files once per process time zone: the answers must not
// depend on the machine's zone (every function takes the user's zone as a parameter).
import { execFileSync } from 'node:child_process';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'];
const files = process.argv.slice(2);
for (const zone of ZONES) {
  console.log(`\n[time zones] TZ=${zone}`);
  execFileSync('npx', ['vitest', 'run', '--project', 'node', ...files], { stdio: 'inherit', env: { ...process.env, TZ: zone } });
}
