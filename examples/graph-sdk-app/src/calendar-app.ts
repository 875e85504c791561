/**
 * A small app's Graph code, written against the official Microsoft Graph SDK
 * (@microsoft/microsoft-graph-client, unmodified): who is signed in, a colleague's profile, the
 * calendar, and scheduling a meeting. Its consumer contract test is test/calendar-app.pact.test.ts.
 */
import { Client, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';

export interface Person {
  id: string;
  displayName: string;
  mail: string | null;
}

export interface EventSummary {
  subject: string;
  organizer: string;
  start: string;
  timeZone: string;
}

export interface Meeting {
  subject: string;
  /** Local date-time without offset, in `timeZone` (`2024-05-01T12:00:00`). */
  start: string;
  end: string;
  timeZone: string;
  attendee: { name: string; address: string };
  agenda: string;
}

export class CalendarApp {
  constructor(private readonly graph: Client) {}

  async signedInUser(): Promise<Person> {
    const user = (await this.graph.api('/me').get()) as Person;
    return { id: user.id, displayName: user.displayName, mail: user.mail ?? null };
  }

  async colleague(idOrUserPrincipalName: string): Promise<Person> {
    const user = (await this.graph.api(`/users/${encodeURIComponent(idOrUserPrincipalName)}`).get()) as Person;
    return { id: user.id, displayName: user.displayName, mail: user.mail ?? null };
  }

  /** The signed-in user's events, times in `timeZone` (a Windows or IANA time zone name). */
  async myEvents(timeZone: string): Promise<EventSummary[]> {
    const page = (await this.graph
      .api('/me/events')
      .header('Prefer', `outlook.timezone="${timeZone}"`)
      .select(['subject', 'body', 'bodyPreview', 'organizer', 'attendees', 'start', 'end', 'location'])
      .get()) as { value: { subject: string; organizer: { emailAddress: { name: string } }; start: { dateTime: string; timeZone: string } }[] };
    return page.value.map((event) => ({ subject: event.subject, organizer: event.organizer.emailAddress.name, start: event.start.dateTime, timeZone: event.start.timeZone }));
  }

  /** Creates the meeting in the signed-in user's calendar; returns its id and link. */
  async scheduleMeeting(meeting: Meeting): Promise<{ id: string; webLink: string }> {
    const created = (await this.graph
      .api('/me/events')
      .header('Prefer', `outlook.timezone="${meeting.timeZone}"`)
      .post(meetingBody(meeting))) as { id: string; webLink: string };
    return { id: created.id, webLink: created.webLink };
  }
}

/** The request body the app sends for a meeting (exported for its contract test). */
export function meetingBody(meeting: Meeting): Record<string, unknown> {
  return {
    subject: meeting.subject,
    body: { contentType: 'HTML', content: meeting.agenda },
    start: { dateTime: meeting.start, timeZone: meeting.timeZone },
    end: { dateTime: meeting.end, timeZone: meeting.timeZone },
    attendees: [{ emailAddress: { address: meeting.attendee.address, name: meeting.attendee.name }, type: 'required' }],
  };
}

/** The client for the real Graph: the SDK's own authentication middleware. */
export function graphClient(getToken: () => Promise<string>): Client {
  return Client.initWithMiddleware({ authProvider: { getAccessToken: getToken } });
}

/**
 * The client for a local stand-in of Graph (Pact's mock server in a consumer test).
 *
 * Why a middleware of our own: the SDK's AuthenticationHandler adds the Authorization header only
 * for Graph's own hosts and for `customHosts`, and it recognises those only in `https://` URLs, so
 * against `http://127.0.0.1:<port>` it sends no token at all and Pact reports "Expected a header
 * 'Authorization' but was missing". This middleware always adds the token; HTTPMessageHandler is
 * the SDK's own last link, which sends the request with fetch.
 */
export function localGraphClient(baseUrl: string, getToken: () => Promise<string>): Client {
  const alwaysAuthenticate: Middleware = {
    async execute(context: Context): Promise<void> {
      const token = await getToken();
      const request = context.request;
      if (typeof request === 'string') {
        context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` } };
      } else {
        request.headers.set('Authorization', `Bearer ${token}`);
      }
      return next.execute(context);
    },
    setNext(middleware: Middleware): void {
      next = middleware;
    },
  };
  let next: Middleware = new HTTPMessageHandler();
  alwaysAuthenticate.setNext?.(next);
  return Client.initWithMiddleware({ middleware: alwaysAuthenticate, baseUrl });
}
