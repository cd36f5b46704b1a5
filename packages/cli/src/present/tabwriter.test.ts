// The tabwriter port against Go's text/tabwriter: each expected text is what Go 1.26's writer
// printed for the same input and settings (trailing spaces dropped, as tabwrite does).
import { describeLayout, getLayout, tabwrite } from './tabwriter.js';

describe('tabwrite', () => {
  test.each([
    ['a column block: the widest cell plus padding', 'Name:\tpi\nPods Statuses:\t1 Active\n', describeLayout, 'Name:           pi\nPods Statuses:  1 Active\n'],
    [
      'a line without a tab ends the block; an empty first cell continues it',
      'Pod Template:\n  Labels:\ta=1\n\tb=2\n  Containers:\n   pi:\n    Image:\tperl\n    Environment:\t<none>\n  Volumes:\t<none>\nEvents:\t<none>\n',
      describeLayout,
      'Pod Template:\n  Labels:  a=1\n           b=2\n  Containers:\n   pi:\n    Image:        perl\n    Environment:  <none>\n  Volumes:        <none>\nEvents:           <none>\n',
    ],
    ['kubectl get: minimum width 6, padding 3', 'NAME\tSTATUS\tAGE\npi\tComplete\t2s\n', getLayout, 'NAME   STATUS     AGE\npi     Complete   2s\n'],
    ['the last cell of a line is not part of its column', 'a\tb\tc\naa\tbbbb\nx\n\tyy\tz\n', describeLayout, 'a   b  c\naa  bbbb\nx\n  yy  z\n'],
    ['widths count characters, not bytes', 'é\tx\nab\ty\n', describeLayout, 'é   x\nab  y\n'],
  ])('%s', (_name, input, layout, want) => expect(tabwrite(input, layout)).toBe(want));
});
