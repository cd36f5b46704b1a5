// Name and label syntax checks of staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
// (IsDNS1123Label, IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue, IsDomainPrefixedPath).
// Each returns upstream's list of messages; an empty list means valid.

const dns1123LabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123SubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedNameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const httpPathRe = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

export const DNS1123LabelMaxLength = 63;
export const DNS1123SubdomainMaxLength = 253;
const qualifiedNameMaxLength = 63;
const labelValueMaxLength = 63;

const maxLen = (n: number): string => `must be no more than ${n} bytes`;

// Regexes run only on bounded strings, so hostile megabyte inputs stay cheap.
const matches = (re: RegExp, s: string, bound: number): boolean => s.length <= bound && re.test(s);

export function isDNS1123Label(s: string): string[] {
  const errs: string[] = [];
  if (s.length > DNS1123LabelMaxLength) errs.push(maxLen(DNS1123LabelMaxLength));
  if (!matches(dns1123LabelRe, s, 4096)) {
    errs.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
  }
  return errs;
}

export function isDNS1123Subdomain(s: string): string[] {
  const errs: string[] = [];
  if (s.length > DNS1123SubdomainMaxLength) errs.push(maxLen(DNS1123SubdomainMaxLength));
  if (!matches(dns1123SubdomainRe, s, 4096)) {
    errs.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    );
  }
  return errs;
}

const qualifiedNameMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/', 3);
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [`a qualified name ${qualifiedNameMsg.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > qualifiedNameMaxLength) errs.push(`name part ${maxLen(qualifiedNameMaxLength)}`);
  if (!matches(qualifiedNameRe, name, 4096)) errs.push(qualifiedNameMsg);
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > labelValueMaxLength) errs.push(maxLen(labelValueMaxLength));
  if (!matches(labelValueRe, value, 4096)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    );
  }
  return errs;
}

/**
 * IsDomainPrefixedPath: `host/path`, host a DNS-1123 subdomain, path of URL path characters.
 * Returns messages; `required` when the value is empty.
 */
export function domainPrefixedPathErrors(value: string): { required: boolean; messages: string[] } {
  if (value.length === 0) return { required: true, messages: [] };
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const path = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host.length === 0 || path.length === 0) {
    return { required: false, messages: ['must be a domain-prefixed path (such as "acme.io/foo")'] };
  }
  const messages = isDNS1123Subdomain(host);
  if (!matches(httpPathRe, path, 1 << 20)) messages.push(`Invalid path: must match the regex [A-Za-z0-9/\\-._~%!$&'()*+,;=:]+`);
  return { required: false, messages };
}
