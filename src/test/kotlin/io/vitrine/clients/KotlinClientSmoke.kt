package io.vitrine.clients

import com.fasterxml.jackson.module.kotlin.jacksonObjectMapper
import io.vitrine.kotlinclient.api.ExperimentsApi
import io.vitrine.kotlinclient.api.RecommendApi
import io.vitrine.kotlinclient.infrastructure.ApiClient
import io.vitrine.kotlinclient.infrastructure.ClientError
import io.vitrine.kotlinclient.infrastructure.ClientException
import io.vitrine.kotlinclient.infrastructure.RequestConfig
import io.vitrine.kotlinclient.infrastructure.RequestMethod
import io.vitrine.kotlinclient.infrastructure.Success
import io.vitrine.kotlinclient.model.AssignInput
import io.vitrine.kotlinclient.model.EventInput
import io.vitrine.kotlinclient.model.FeedbackBatch
import io.vitrine.kotlinclient.model.FeedbackResponse
import io.vitrine.kotlinclient.model.RecommendInput
import okhttp3.OkHttpClient
import java.util.UUID

/**
 * The Kotlin client generated from the committed OpenAPI document (openapi-generator `kotlin`, library jvm-okhttp4,
 * Jackson), used as an Android or JVM app would: recommend, feedback that names the recommendation, ab-assign, and a
 * 400 problem. Run by ClientSmokeIT against the packaged jar; throws AssertionError on the first unexpected answer.
 */
object KotlinClientSmoke {

    /** Sends a feedback batch through the generated ApiClient (see [send]). */
    private class Feedback(baseUrl: String, client: OkHttpClient) : ApiClient(baseUrl, client) {
        /**
         * The generator (7.25, OpenAPI 3.1 support in beta) folds the body's oneOf (one event, or {events}) into one
         * class that requires the fields of both; an app sends the batch shape, FeedbackBatch, through the same client.
         */
        fun send(batch: FeedbackBatch): FeedbackResponse {
            val config = RequestConfig(method = RequestMethod.POST, path = "/v1/feedback",
                headers = mutableMapOf("Content-Type" to "application/json", "Accept" to "application/json"),
                requiresAuthentication = true, body = batch)
            return when (val response = request<FeedbackBatch, FeedbackResponse>(config)) {
                is Success<*> -> response.data as FeedbackResponse
                else -> throw AssertionError("feedback answered " + response.statusCode + ": " + response)
            }
        }
    }

    private fun check(condition: Boolean, what: String) {
        if (!condition) {
            throw AssertionError("Kotlin client: $what")
        }
    }

    /** Runs the calls; returns what was checked. */
    @JvmStatic
    fun run(baseUrl: String, clientKey: String): List<String> {
        val base = baseUrl.trimEnd('/')
        // The key goes in a header on every call (an interceptor), never in a URL.
        val http = OkHttpClient.Builder()
            .addInterceptor { chain -> chain.proceed(chain.request().newBuilder().header("X-Api-Key", clientKey).build()) }
            .build()
        val checks = mutableListOf<String>()
        val user = "kotlin-" + UUID.randomUUID()

        val list = RecommendApi(base, http).recommend(RecommendInput(userId = user, count = 3, explain = true))
        check(list.userId == user && list.requestId.isNotBlank(), "recommend names the user and a request id")
        check(list.items.isNotEmpty() && list.items.size <= 3, "recommend lists 1 to 3 items: ${list.items}")
        check(list.items.all { it.sources.isNotEmpty() && it.explanation != null }, "every item has sources")
        checks += "recommend"

        val item = list.items[0].itemId
        val events = listOf(
            EventInput(eventId = "k-" + UUID.randomUUID(), userId = user, type = EventInput.Type.impression,
                itemId = item, requestId = list.requestId),
            EventInput(eventId = "k-" + UUID.randomUUID(), userId = user, type = EventInput.Type.click, itemId = item,
                requestId = list.requestId))
        val feedback = Feedback(base, http)
        val stored = feedback.send(FeedbackBatch(events))
        check(stored.accepted == 2 && stored.duplicates == 0, "feedback stores both events: $stored")
        val retried = feedback.send(FeedbackBatch(events))
        check(retried.accepted == 0 && retried.duplicates == 2, "a retried batch counts as duplicates: $retried")
        checks += "feedback"

        val assigned = ExperimentsApi(base, http).abAssign(AssignInput(userId = user,
            experiments = listOf("kotlin-unknown")))
        check(assigned.userId == user && assigned.assignments.isEmpty(), "ab-assign answers for the user")
        check(assigned.unknownExperiments == listOf("kotlin-unknown"), "ab-assign names the unknown experiment")
        checks += "ab-assign"

        try {
            RecommendApi(base, http).recommend(RecommendInput(userId = user, count = 0))
            throw AssertionError("Kotlin client: count 0 was accepted")
        } catch (e: ClientException) {
            check(e.statusCode == 400, "count 0 is a 400, not ${e.statusCode}")
            val body = (e.response as ClientError<*>).body as String
            val problem = jacksonObjectMapper().readTree(body)
            check(problem["type"].asText() == "urn:vitrine:problem:validation", "the 400 is a validation problem")
            check(problem["errors"][0]["field"].asText() == "count", "the problem names the field count: $body")
            check(problem["errors"][0]["message"].asText() == "must be between 1 and 100", "and says why: $body")
        }
        checks += "400 problem"
        return checks
    }
}
