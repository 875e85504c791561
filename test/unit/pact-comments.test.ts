/** An interaction's documented origin in the pact: written as data and text, read back from either. */
import type { Permission } from '../../src/contract/model';
import { documentedPermissions, interactionComments, readDocumentedOrigin, type DocumentedOrigin } from '../../src/contract/pact-comments';

const at = { file: 'contracts/api/user get.md', line: 72, column: 3 };
const row = (type: Permission['type'], scopes: string[], supported: boolean | null): Permission => ({ type, label: type, scopes, supported, source: at });

const origin: DocumentedOrigin = {
  key: 'contracts/api/user get.md#get_user',
  source: at,
  example: 'get_user',
  permissions: { delegated: { supported: true, scopes: ['User.Read', 'User.ReadBasic.All'] }, application: { supported: false } },
};

describe('documented origin in pact comments', () => {
  it('round-trips through the JSON of a pact file (structured data under "graph-contracts")', () => {
    const comments = JSON.parse(JSON.stringify(interactionComments(origin))) as unknown;
    expect(comments).toMatchObject({ 'graph-contracts': { source: at, example: 'get_user', permissions: origin.permissions } });
    expect(readDocumentedOrigin(comments)).toEqual(origin);
  });

  it('keeps the text lines people read in the broker and in Pact\'s output, as earlier releases wrote them', () => {
    expect(interactionComments(origin)).toMatchObject({
      testname: 'contracts/api/user get.md#get_user',
      text: ['Documented at contracts/api/user get.md:72:3 (example get_user)', 'Permissions (delegated): User.Read, User.ReadBasic.All', 'Permissions (application): not supported'],
    });
  });

  it('reads pacts written by the previous version (text lines only)', () => {
    const previous = {
      testname: 'contracts/api/delegatedadminrelationship-post.md#create_delegatedadminrelationship_from_',
      text: ['Documented at contracts/api/delegatedadminrelationship-post.md:68:1 (example create_delegatedadminrelationship_from_)', 'Permissions (delegated): DelegatedAdminRelationship.ReadWrite.All', 'Permissions (application): not supported'],
    };
    expect(readDocumentedOrigin(previous)).toEqual({
      key: previous.testname,
      source: { file: 'contracts/api/delegatedadminrelationship-post.md', line: 68, column: 1 },
      example: 'create_delegatedadminrelationship_from_',
      permissions: { delegated: { supported: true, scopes: ['DelegatedAdminRelationship.ReadWrite.All'] }, application: { supported: false } },
    });
  });

  it('prefers the data to the text, and falls back to the text for a part the data lacks or holds malformed', () => {
    const comments = interactionComments(origin);
    const edited = { ...comments, text: ['Documented at other.md:1:1 (example other)', 'Permissions (application): Mail.Read'], 'graph-contracts': { source: { file: 'x.md', line: 'one' }, example: 'get_user', permissions: origin.permissions } };
    expect(readDocumentedOrigin(edited)).toEqual({ key: origin.key, source: { file: 'other.md', line: 1, column: 1 }, example: 'get_user', permissions: origin.permissions });
  });

  it('says nothing for comments that do not come from graph-contracts, whatever they hold', () => {
    const nothing = { key: null, source: null, example: null, permissions: { delegated: null, application: null } };
    for (const comments of [undefined, null, 'text', [], {}, { text: 'not a list' }, { text: [1, 2] }, { testname: 5, 'graph-contracts': [] }]) expect(readDocumentedOrigin(comments)).toEqual(nothing);
    expect(readDocumentedOrigin({ text: ['A note of the consumer team'], testname: 'my test' })).toEqual({ ...nothing, key: 'my test' });
  });

  it('takes the permission table\'s readable rows only: TODO rows and rows without scopes say nothing', () => {
    expect(documentedPermissions([row('delegatedWork', ['Group.Read.All', 'Group.ReadWrite.All'], true), row('delegatedPersonal', [], false), row('application', [], false)])).toEqual({
      delegated: { supported: true, scopes: ['Group.Read.All', 'Group.ReadWrite.All'] },
      application: { supported: false },
    });
    expect(documentedPermissions([row('delegatedWork', [], null), row('application', [], true)])).toEqual({ delegated: null, application: null });
    const none = interactionComments({ ...origin, permissions: { delegated: null, application: null } });
    expect(none.text).toEqual(['Documented at contracts/api/user get.md:72:3 (example get_user)']);
  });
});
