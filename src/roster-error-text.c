/* roster-error-text.c: explains a failed Management API call to the person
 * using Roster, with the HTTP status and what to do next.
 *
 * Each explanation comes in two lengths: a summary short enough for a toast
 * title ("missing scope delete:organization_members (403)") and a
 * description in full sentences for status pages and the status line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "roster-api.h"
#include "roster-error-text.h"

typedef struct
{
  char *summary;      /* a phrase in lowercase, without a final period */
  char *description;  /* sentences */
} Explanation;

static void
explanation_clear (Explanation *explanation)
{
  g_clear_pointer (&explanation->summary, g_free);
  g_clear_pointer (&explanation->description, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Explanation, explanation_clear)

/* Returns Auth0's "message" field, else the error's own message. */
static const char *
get_message (const GError *error)
{
  const char *message = roster_api_error_get_auth0_message (error);

  return message != NULL ? message : error->message;
}

static gboolean
contains_ascii_casefold (const char *haystack,
                         const char *needle)
{
  g_autofree char *folded = g_ascii_strdown (haystack, -1);

  return strstr (folded, needle) != NULL;
}

/* Auth0 responds with 401 for three causes that only the message
 * distinguishes: "Invalid token.", "Invalid signature received for JSON Web Token
 * validation." and "Client is not global." (Management API OpenAPI file). */
static void
explain_unauthorized (const GError *error,
                      Explanation  *explanation)
{
  const char *message = get_message (error);

  if (contains_ascii_casefold (message, "invalid signature"))
    {
      explanation->summary = g_strdup (_("the token comes from another tenant (401)"));
      explanation->description = g_strdup (_("The access token was not issued by this tenant (401). "
                                              "Check that the tenant’s domain, or AUTH0_DOMAIN, names the "
                                              "tenant that issued the token."));
    }
  else if (contains_ascii_casefold (message, "client is not global"))
    {
      explanation->summary = g_strdup (_("the client is not global (401)"));
      explanation->description = g_strdup (_("Auth0 does not accept tokens of this application for the "
                                              "Management API (401 Client is not global). Use a "
                                              "machine-to-machine application of this tenant."));
    }
  else if (contains_ascii_casefold (message, "invalid token"))
    {
      explanation->summary = g_strdup (_("the token is invalid or has expired (401)"));
      explanation->description = g_strdup (_("The access token is invalid or has expired (401). "
                                              "Paste a new token with Edit Tenant…, or start Roster with a "
                                              "new AUTH0_API_TOKEN."));
    }
  else
    {
      /* Translators: %s is Auth0's explanation, in English */
      explanation->summary = g_strdup_printf (_("the token was rejected (401): %s"), message);
      explanation->description = g_strdup_printf (_("Auth0 rejected the access token (401): %s"), message);
    }
}

static void
explain_forbidden (const GError *error,
                   const char   *required_scope,
                   Explanation  *explanation)
{
  const char *error_code = roster_api_error_get_error_code (error);
  g_autofree char *scope = NULL;

  if (g_strcmp0 (error_code, "insufficient_scope") != 0)
    {
      explanation->summary = g_strdup_printf (_("access denied (403): %s"), get_message (error));
      explanation->description = g_strdup_printf (_("Auth0 denied access (403): %s"), get_message (error));
      return;
    }

  scope = roster_error_text_dup_missing_scope (error, required_scope);

  /* Translators: %s is a Management API scope, such as delete:organization_members */
  explanation->summary = g_strdup_printf (_("missing scope %s (403)"), scope);
  explanation->description = g_strdup_printf (_("The access token lacks the %s scope (403 insufficient_scope). "
                                                "Grant it to the application in the Auth0 Dashboard, "
                                                "then use a new token."),
                                              scope);
}

static void
explain_bad_request (const GError *error,
                     Explanation  *explanation)
{
  const char *error_code = roster_api_error_get_error_code (error);
  const char *message = get_message (error);

  if (error_code == NULL)
    {
      explanation->summary = g_strdup_printf (_("invalid request (400): %s"), message);
      explanation->description = g_strdup_printf (_("Auth0 rejected the request as invalid (400): %s"),
                                                   message);
      return;
    }

  /* Translators: the first %s is Auth0's error code, such as invalid_body,
   * the second its explanation, in English */
  explanation->summary = g_strdup_printf (_("invalid request (400 %s): %s"), error_code, message);
  explanation->description = g_strdup_printf (_("Auth0 rejected the request as invalid (400 %s): %s"),
                                              error_code, message);
}

static void
explain_rate_limited (const GError *error,
                      GDateTime    *now,
                      Explanation  *explanation)
{
  g_autofree char *retry = NULL;

  retry = roster_error_text_format_retry (roster_api_error_get_rate_limit_reset (error), now);

  /* Translators: %s is when to try again, such as "Try again in 12 seconds." */
  explanation->summary = g_strdup_printf (_("rate limit reached (429). %s"), retry);
  explanation->description = g_strdup_printf (_("Auth0’s rate limit was reached (429). %s"), retry);
}

static void
explain_other_status (const GError *error,
                      guint         status,
                      Explanation  *explanation)
{
  const char *reason = roster_api_error_get_auth0_error (error);

  if (reason == NULL)
    reason = soup_status_get_phrase (status);
  if (reason == NULL)
    reason = "";

  /* Translators: "503 Service Unavailable" */
  explanation->summary = g_strdup_printf (_("%u %s"), status, reason);
  /* Translators: "Auth0 responded with 503 Service Unavailable: <Auth0's message>" */
  explanation->description = g_strdup_printf (_("Auth0 responded with %u %s: %s"),
                                              status, reason, get_message (error));
}

static void
explain_status (const GError *error,
                guint         status,
                const char   *required_scope,
                GDateTime    *now,
                Explanation  *explanation)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      explain_bad_request (error, explanation);
      break;

    case SOUP_STATUS_UNAUTHORIZED:
      explain_unauthorized (error, explanation);
      break;

    case SOUP_STATUS_FORBIDDEN:
      explain_forbidden (error, required_scope, explanation);
      break;

    case 429:  /* Too Many Requests: libsoup 3.2 has no constant for it */
      explain_rate_limited (error, now, explanation);
      break;

    default:
      explain_other_status (error, status, explanation);
    }
}

/* Errors that came before or instead of an HTTP status. */
static void
explain_transport (const GError *error,
                   Explanation  *explanation)
{
  if (error->domain == G_TLS_ERROR)
    {
      explanation->summary = g_strdup_printf (_("the secure connection failed: %s"), error->message);
      explanation->description = g_strdup_printf (_("Could not make a secure connection to Auth0: %s"),
                                                  error->message);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_TOKEN))
    {
      explanation->summary = g_strdup_printf (_("no access token: %s"), error->message);
      explanation->description = g_strdup_printf (_("Could not get an access token: %s"), error->message);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE))
    {
      explanation->summary = g_strdup_printf (_("unexpected response: %s"), error->message);
      explanation->description = g_strdup_printf (_("Auth0 sent a response that Roster does not understand: %s"),
                                                  error->message);
    }
  else if (error->domain == ROSTER_API_ERROR)
    {
      explanation->summary = g_strdup (error->message);
      explanation->description = g_strdup (error->message);
    }
  else
    {
      explanation->summary = g_strdup_printf (_("Auth0 is unreachable: %s"), error->message);
      /* Translators: %s is the network error, such as "Connection refused" */
      explanation->description = g_strdup_printf (_("Could not reach Auth0: %s. Check the network "
                                                    "connection and the tenant's domain, then try again."),
                                                  error->message);
    }
}

static void
explain (const GError *error,
         const char   *required_scope,
         GDateTime    *now,
         Explanation  *explanation)
{
  guint status = roster_api_error_get_status (error);

  if (status != 0)
    explain_status (error, status, required_scope, now, explanation);
  else
    explain_transport (error, explanation);
}

/**
 * roster_error_text_summarize:
 * @error: an error of the Management API client or of the network
 * @required_scope: the scope the failed call needs, named when Auth0's
 *   insufficient_scope message does not parse
 * @now: the current time, to say when a rate limit resets
 *
 * Returns: (transfer full): a short phrase with the HTTP status, in
 *   lowercase, for a toast: "missing scope delete:organization_members
 *   (403)". Plain text, not markup.
 */
char *
roster_error_text_summarize (const GError *error,
                             const char   *required_scope,
                             GDateTime    *now)
{
  g_auto(Explanation) explanation = { NULL, NULL };

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (required_scope != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  explain (error, required_scope, now, &explanation);

  return g_steal_pointer (&explanation.summary);
}

/**
 * roster_error_text_describe:
 *
 * Like roster_error_text_summarize(), but in one or two full sentences that
 * also say what to do. Auth0's messages are quoted in English, as Auth0
 * sends them.
 *
 * Returns: (transfer full): plain text, not markup
 */
char *
roster_error_text_describe (const GError *error,
                            const char   *required_scope,
                            GDateTime    *now)
{
  g_auto(Explanation) explanation = { NULL, NULL };

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (required_scope != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  explain (error, required_scope, now, &explanation);

  return g_steal_pointer (&explanation.description);
}

/**
 * roster_error_text_dup_missing_scope:
 * @fallback_scope: returned when the message names no scope
 *
 * Reads the scope out of Auth0's insufficient_scope message, "Insufficient
 * scope, expected any of: delete:organization_members". The punctuation
 * before "expected" differs between Auth0's docs and live responses, so only
 * the part after "expected any of:" counts.
 *
 * Returns: (transfer full): the scope, or a list of them as Auth0 wrote it
 */
char *
roster_error_text_dup_missing_scope (const GError *error,
                                     const char   *fallback_scope)
{
  static const char marker[] = "expected any of:";
  const char *message;
  g_autofree char *folded = NULL;
  const char *found;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (fallback_scope != NULL, NULL);

  message = get_message (error);
  folded = g_ascii_strdown (message, -1);
  found = strstr (folded, marker);
  if (found == NULL)
    return g_strdup (fallback_scope);

  /* ASCII case folding keeps byte offsets, so the offset maps back. */
  scope = g_strstrip (g_strdup (message + (found - folded) + strlen (marker)));
  if (g_str_has_suffix (scope, "."))
    scope[strlen (scope) - 1] = '\0';

  if (*scope == '\0')
    return g_strdup (fallback_scope);

  return g_steal_pointer (&scope);
}

/**
 * roster_error_text_format_retry:
 * @rate_limit_reset: x-ratelimit-reset, in Unix seconds, or 0 when unknown
 * @now: the current time
 *
 * Formats when to try again: in seconds for less than a minute, else as the
 * local time of day.
 *
 * Returns: (transfer full): a sentence, such as "Try again after 14:03:27."
 */
char *
roster_error_text_format_retry (gint64     rate_limit_reset,
                                GDateTime *now)
{
  g_autoptr(GDateTime) reset = NULL;
  g_autofree char *time_of_day = NULL;
  gint64 seconds;

  g_return_val_if_fail (now != NULL, NULL);

  if (rate_limit_reset <= 0)
    return g_strdup (_("Try again later."));

  seconds = rate_limit_reset - g_date_time_to_unix (now);
  if (seconds <= 0)
    return g_strdup (_("Try again in a moment."));

  if (seconds < 60)
    return g_strdup_printf (ngettext ("Try again in %d second.",
                                      "Try again in %d seconds.",
                                      (gulong) seconds),
                            (int) seconds);

  reset = g_date_time_new_from_unix_local (rate_limit_reset);
  time_of_day = g_date_time_format (reset, "%X");

  /* Translators: %s is a time of day, such as 14:03:27 */
  return g_strdup_printf (_("Try again after %s."), time_of_day);
}
