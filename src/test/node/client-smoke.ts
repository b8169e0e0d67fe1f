// The TypeScript client generated from the committed OpenAPI document (openapi-generator typescript-fetch, into
// target/node/typescript-client), compiled with tsc and run with Node against the packaged jar by ClientSmokeIT:
// recommend, feedback (one event and a batch) that names the recommendation, ab-assign, and a 400 problem. Reads
// VITRINE_URL and VITRINE_CLIENT_KEY; prints one JSON line; exits non-zero on the first unexpected answer.
import {
  Configuration, EventInputTypeEnum, ExperimentsApi, FeedbackApi, RecommendApi, ResponseError,
} from "./typescript-client";

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

function check(condition: boolean, what: string, detail?: unknown): void {
  if (!condition) {
    throw new Error("TypeScript client: " + what + (detail === undefined ? "" : ": " + JSON.stringify(detail)));
  }
}

async function main(): Promise<string[]> {
  const config = new Configuration({
    basePath: (process.env.VITRINE_URL ?? "").replace(/\/$/, ""),
    apiKey: process.env.VITRINE_CLIENT_KEY, // sent as the X-Api-Key header, as the document's security scheme says
  });
  const checks: string[] = [];
  const user = "ts-" + Math.random().toString(36).slice(2);

  const list = await new RecommendApi(config).recommend({ recommendInput: { userId: user, count: 3, explain: true } });
  check(list.userId === user && list.requestId.length > 0, "recommend names the user and a request id", list);
  check(list.items.length > 0 && list.items.length <= 3, "recommend lists 1 to 3 items", list.items);
  check(list.items.every((i) => i.sources.length > 0 && i.explanation !== undefined), "every item has sources");
  checks.push("recommend");

  const feedback = new FeedbackApi(config);
  const item = list.items[0].itemId;
  const one = await feedback.sendFeedback({ sendFeedbackRequest: { eventId: "ts-" + user + "-1", userId: user,
    type: EventInputTypeEnum.Impression, itemId: item, requestId: list.requestId, timestamp: new Date() } });
  check(one.accepted === 1 && one.duplicates === 0, "one event is stored", one);
  const batch = await feedback.sendFeedback({ sendFeedbackRequest: { events: [
    { eventId: "ts-" + user + "-1", userId: user, type: EventInputTypeEnum.Impression, itemId: item },
    { eventId: "ts-" + user + "-2", userId: user, type: EventInputTypeEnum.Click, itemId: item,
      requestId: list.requestId }] } });
  check(batch.accepted === 1 && batch.duplicates === 1, "a batch stores the new event and counts the retry", batch);
  checks.push("feedback");

  const assigned = await new ExperimentsApi(config).abAssign({ assignInput: { userId: user,
    experiments: ["ts-unknown"] } });
  check(assigned.userId === user && assigned.assignments.length === 0, "ab-assign answers for the user", assigned);
  check(JSON.stringify(assigned.unknownExperiments) === JSON.stringify(["ts-unknown"]),
    "ab-assign names the unknown experiment", assigned);
  checks.push("ab-assign");

  try {
    await new RecommendApi(config).recommend({ recommendInput: { userId: user, count: 0 } });
    check(false, "count 0 was accepted");
  } catch (e) {
    check(e instanceof ResponseError, "a refused call is a ResponseError", String(e));
    const response = (e as ResponseError).response;
    check(response.status === 400, "count 0 is a 400", response.status);
    check((response.headers.get("content-type") ?? "").startsWith("application/problem+json"),
      "the 400 is a problem document", response.headers.get("content-type"));
    const problem = await response.json();
    check(problem.errors.length === 1 && problem.errors[0].field === "count"
      && problem.errors[0].message === "must be between 1 and 100", "the problem names the field count", problem);
  }
  checks.push("400 problem");
  return checks;
}

main().then((checks) => console.log(JSON.stringify({ ok: true, checks })), (e: unknown) => {
  console.log(JSON.stringify({ ok: false, error: String(e instanceof Error ? e.stack : e) }));
  process.exitCode = 1;
});
