import { classifyFenceContent, expectedReason, parseRequestText, parseResponseText } from '../../src/docs/http-block';

describe('classifyFenceContent', () => {
  it.each([
    ['GET https://graph.microsoft.com/v1.0/me', 'request'],
    ['\n\nPOST /me/events\n', 'request'],
    ['HTTP/1.1 200 OK', 'response'],
    ['HTTP 201 Created', 'response'],
    ['HTTP/1.1 422', 'response'],
    ['{"id": "1"}', 'other'],
    ['get https://graph.microsoft.com/v1.0/me', 'other'],
  ])('%j is a %s', (content, kind) => {
    expect(classifyFenceContent(content)).toBe(kind);
  });
});

describe('parseRequestText', () => {
  it('reads the request line, headers and JSON body', () => {
    const text = 'POST https://graph.microsoft.com/v1.0/users\nContent-type: application/json\nContent-length: 12\n\n{\n  "a": 1\n}\n';
    expect(parseRequestText(text)).toEqual({
      method: 'POST',
      url: 'https://graph.microsoft.com/v1.0/users',
      lineIndex: 0,
      extraRequestLines: [],
      headers: [
        { name: 'Content-type', value: 'application/json' },
        { name: 'Content-length', value: '12' },
      ],
      body: '{\n  "a": 1\n}',
      bodyLineIndex: 4,
    });
  });

  it('keeps headers written after a blank line (Intune assign pages)', () => {
    const text = 'POST https://graph.microsoft.com/v1.0/x/assign\n\nContent-type: application/json\n\n{"a": 1}';
    const request = parseRequestText(text)!;
    expect(request.headers).toEqual([{ name: 'Content-type', value: 'application/json' }]);
    expect(request.body).toBe('{"a": 1}');
  });

  it('reads a body with no blank line after the headers', () => {
    const request = parseRequestText('POST /teams/1/channels/2/tabs\nContent-type: application/json\n{\n "a": 1\n}')!;
    expect(request.body).toBe('{\n "a": 1\n}');
    expect(request.bodyLineIndex).toBe(2);
  });

  it('keeps unencoded spaces in the URL', () => {
    expect(parseRequestText("GET https://graph.microsoft.com/v1.0/appCatalogs/teamsApps?$filter=distributionMethod eq 'organization'")!.url).toBe(
      "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps?$filter=distributionMethod eq 'organization'",
    );
  });

  it('flags further request lines in the same block', () => {
    const request = parseRequestText('GET https://graph.microsoft.com/beta/a\n\nGET https://graph.microsoft.com/beta/b')!;
    expect(request.extraRequestLines).toEqual([2]);
  });
});

describe('parseResponseText', () => {
  it('reads status, headers and body', () => {
    const response = parseResponseText('HTTP/1.1 201 Created\nContent-Type: application/json\n\n{"id": "1"}')!;
    expect(response).toMatchObject({ status: 201, reason: 'Created', hasVersion: true, body: '{"id": "1"}' });
  });

  it('accepts a status line without a version or a reason', () => {
    expect(parseResponseText('HTTP 201 Created')).toMatchObject({ status: 201, hasVersion: false, body: null });
    expect(parseResponseText('HTTP/1.1 422 ')).toMatchObject({ status: 422, reason: null });
  });

  it('names the standard reason when the docs use another', () => {
    expect(expectedReason(201, 'OK')).toBe('Created');
    expect(expectedReason(204, 'No content')).toBeNull();
    expect(expectedReason(204, 'NoContent')).toBeNull();
    expect(expectedReason(422, null)).toBeNull();
  });
});
