/** How validate prints its findings: text for people, json for programs, github for workflow annotations. */
import { formatLocation } from '@yipts/core';
import type { Finding } from './findings.js';

export type ValidateFormat = 'text' | 'json' | 'github';

const location = (f: Finding) => formatLocation({ file: f.file, line: f.line, col: f.col });

function text(f: Finding): string {
  return `${location(f)}: ${f.severity}: ${f.message}`;
}

function json(f: Finding): string {
  return JSON.stringify({ file: f.file, line: f.line ?? null, col: f.col ?? null, severity: f.severity, code: f.code, message: f.message });
}

/** GitHub's workflow commands: properties and message have their own escapes. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function github(f: Finding, strict: boolean): string {
  const level = f.severity === 'error' || strict ? 'error' : 'warning';
  const props = [`file=${escapeProperty(f.file)}`];
  if (f.line !== undefined) props.push(`line=${f.line}`);
  if (f.col !== undefined) props.push(`col=${f.col}`);
  props.push(`title=${escapeProperty(`yip validate: ${f.code}`)}`);
  return `::${level} ${props.join(',')}::${escapeData(f.message)}`;
}

export function formatFindings(findings: readonly Finding[], format: ValidateFormat, strict: boolean): string {
  const line = format === 'json' ? json : format === 'github' ? (f: Finding) => github(f, strict) : text;
  return findings.map((f) => `${line(f)}\n`).join('');
}
