/* roster-demo-rate-limit.c: the token bucket of member writes and the
 * x-ratelimit-* headers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "roster-demo-private.h"

void
roster_demo_bucket_configure (RosterDemoBucket *bucket,
                              guint             burst,
                              guint             per_minute)
{
  g_assert (bucket != NULL);

  bucket->burst = burst;
  bucket->per_minute = per_minute;
  bucket->tokens = burst;
  bucket->refilled_at_us = g_get_monotonic_time ();
}

/* Adds what the refill rate earned since the last call. Auth0 adds
 * per-minute refills by the second, but adding them continuously is close
 * enough for a client's retry logic. */
static void
bucket_refill (RosterDemoBucket *bucket,
               gint64            now_us)
{
  double elapsed_seconds = (now_us - bucket->refilled_at_us) / (double) G_USEC_PER_SEC;

  bucket->tokens = MIN ((double) bucket->burst,
                        bucket->tokens + elapsed_seconds * bucket->per_minute / 60.0);
  bucket->refilled_at_us = now_us;
}

/* Takes one request from the bucket. Returns FALSE when it is empty. */
gboolean
roster_demo_bucket_take (RosterDemoBucket *bucket)
{
  g_assert (bucket != NULL);
  g_assert (bucket->burst > 0);

  bucket_refill (bucket, g_get_monotonic_time ());
  if (bucket->tokens < 1.0)
    return FALSE;

  bucket->tokens -= 1.0;
  return TRUE;
}

/* Returns the seconds until the bucket contains one more whole request. */
static double
seconds_to_next_token (const RosterDemoBucket *bucket)
{
  double deficit;

  if (bucket->tokens >= bucket->burst)
    return 0.0;

  /* A bucket that never refills: tell the client to come back in a
   * minute, as the default headers do. */
  if (bucket->per_minute == 0)
    return 60.0;

  deficit = floor (bucket->tokens) + 1.0 - bucket->tokens;
  return deficit * 60.0 / bucket->per_minute;
}

/* Sets the x-ratelimit-* headers from the bucket: the reset is the Unix
 * time, rounded up to the second, when one more request is available. */
void
roster_demo_bucket_set_headers (RosterDemoBucket   *bucket,
                                SoupMessageHeaders *headers)
{
  double now_seconds;
  gint64 reset;

  g_assert (bucket != NULL);
  g_assert (headers != NULL);

  bucket_refill (bucket, g_get_monotonic_time ());
  now_seconds = g_get_real_time () / (double) G_USEC_PER_SEC;
  reset = (gint64) ceil (now_seconds + seconds_to_next_token (bucket));

  roster_demo_rate_limit_set_headers (headers, bucket->burst, (guint) floor (bucket->tokens), reset);
}

void
roster_demo_rate_limit_set_headers (SoupMessageHeaders *headers,
                                    guint               limit,
                                    guint               remaining,
                                    gint64              reset_unix_seconds)
{
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  g_autofree char *remaining_text = g_strdup_printf ("%u", remaining);
  g_autofree char *reset_text = g_strdup_printf ("%" G_GINT64_FORMAT, reset_unix_seconds);

  g_assert (headers != NULL);

  soup_message_headers_replace (headers, "x-ratelimit-limit", limit_text);
  soup_message_headers_replace (headers, "x-ratelimit-remaining", remaining_text);
  soup_message_headers_replace (headers, "x-ratelimit-reset", reset_text);
}
