// Name and label syntax checks of staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
// (IsDNS1123Label, IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue, IsDomainPrefixedPath).
// Each returns upstream's list of messages; an empty list means valid.

const dns1123LabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123SubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedNameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const httpPathRe = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

export const DNS1123LabelMaxLength = 63;
export const DNS1123SubdomainMaxLength = 253;
const qualifiedNameMaxLength = 63;
const labelValueMaxLength = 63;

// Messages as upstream words them. util/validation's MaxLenError says "characters"
// (IsDNS1123Label, IsDNS1123Subdomain: names, namespaces, container names); the newer
// api/validate/content package that label keys and values use says "bytes". Both count bytes.
const maxChars = (n: number): string => `must be no more than ${n} characters`;
const maxBytes = (n: number): string => `must be no more than ${n} bytes`;

/** RegexError: the message, examples and the regex upstream validated with. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${labelKeyFmt})?`;
const dns1123LabelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123SubdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const labelKeyMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

// Regexes run only on bounded strings, so hostile megabyte inputs stay cheap.
const matches = (re: RegExp, s: string, bound: number): boolean => s.length <= bound && re.test(s);

/** IsDNS1123Label (util/validation): a valid subdomain that is no label "must not contain dots". */
export function isDNS1123Label(s: string): string[] {
  const errs: string[] = [];
  if (s.length > DNS1123LabelMaxLength) errs.push(maxChars(DNS1123LabelMaxLength));
  if (!matches(dns1123LabelRe, s, 4096)) {
    errs.push(matches(dns1123SubdomainRe, s, 4096) ? 'must not contain dots' : regexError(dns1123LabelMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

/** IsDNS1123Subdomain (util/validation, the name of a Job). */
export function isDNS1123Subdomain(s: string): string[] {
  return dns1123Subdomain(s, maxChars);
}

function dns1123Subdomain(s: string, maxLen: (n: number) => string): string[] {
  const errs: string[] = [];
  if (s.length > DNS1123SubdomainMaxLength) errs.push(maxLen(DNS1123SubdomainMaxLength));
  if (!matches(dns1123SubdomainRe, s, 4096)) errs.push(regexError(dns1123SubdomainMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** IsQualifiedName (content.IsLabelKey): an optional DNS-subdomain prefix and '/', then a name part. */
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
    else for (const m of dns1123Subdomain(prefix, maxBytes)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a valid label key ${regexError(labelKeyMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > qualifiedNameMaxLength) errs.push(`name part ${maxBytes(qualifiedNameMaxLength)}`);
  if (!matches(qualifiedNameRe, name, 4096)) errs.push(`name part ${regexError(labelKeyMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** IsValidLabelValue (content.IsLabelValue). */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > labelValueMaxLength) errs.push(maxBytes(labelValueMaxLength));
  if (!matches(labelValueRe, value, 4096)) errs.push(regexError(labelValueMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * IsDomainPrefixedPath: `host/path`, host a DNS-1123 subdomain, path of URL path characters.
 * Returns messages (`invalid` pairs each with the bad value upstream reports: the whole value,
 * the host or the path); `required` when the value is empty.
 */
export function domainPrefixedPathErrors(value: string): {
  required: boolean;
  messages: string[];
  invalid: Array<{ readonly value: string; readonly message: string }>;
} {
  const result = (invalid: Array<{ value: string; message: string }>) => ({ required: false, messages: invalid.map((i) => i.message), invalid });
  if (value.length === 0) return { required: true, messages: [], invalid: [] };
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const path = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host.length === 0 || path.length === 0) {
    return result([{ value, message: 'must be a domain-prefixed path (such as "acme.io/foo")' }]);
  }
  const invalid = isDNS1123Subdomain(host).map((message) => ({ value: host, message }));
  if (!matches(httpPathRe, path, 1 << 20)) invalid.push({ value: path, message: regexError('Invalid path', httpPathFmt) });
  return result(invalid);
}
