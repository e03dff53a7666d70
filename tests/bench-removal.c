/* bench-removal.c: how close a batched removal comes to the time the rate
 * limit requires, against the demo tenant on loopback. Prints one line per
 * run and never fails on time, because the machine sets the pace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "roster-api.h"
#include "roster-demo-tenant.h"

/* Auth0's paid-plan limit for member writes: a burst of 20, then 200 a
 * minute. */
#define BURST      20
#define PER_MINUTE 200

static void
on_async_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
run (guint n_members)
{
  g_autoptr(RosterDemoTenant) tenant = roster_demo_tenant_new ();
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) member_ids = NULL;
  g_autofree const char **ids = g_new0 (const char *, n_members + 1);
  guint n_requests = (n_members + ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST - 1) / ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST;
  double required_s = n_requests > BURST ? (n_requests - BURST) * 60.0 / PER_MINUTE : 0.0;
  guint n_rate_limited;
  gint64 start;
  double elapsed_s;

  roster_demo_tenant_set_rate_limit (tenant, BURST, PER_MINUTE);
  roster_demo_tenant_start (tenant, 0, &error);
  g_assert_no_error (error);

  client = roster_client_new (roster_demo_tenant_get_base_uri (tenant));
  token = roster_demo_tenant_mint_token (tenant, NULL);
  roster_client_set_access_token (client, token);

  member_ids = roster_demo_tenant_list_member_ids (tenant, ROSTER_DEMO_ORG_LARGE);
  g_assert_cmpuint (g_strv_length (member_ids), >=, n_members);
  for (guint i = 0; i < n_members; i++)
    ids[i] = member_ids[i];

  start = g_get_monotonic_time ();
  roster_client_remove_members_batched_async (client, ROSTER_DEMO_ORG_LARGE, ids, NULL, NULL, NULL,
                                              on_async_ready, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  elapsed_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  batches = roster_client_remove_members_batched_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, n_requests);
  n_rate_limited = roster_write_scheduler_get_n_rate_limited (roster_client_get_write_scheduler (client));

  g_print ("%u members, %u requests, burst %u, %u/min: %.2f s, the rate limit requires %.2f s "
           "(%+.1f %%), %u responses with 429\n",
           n_members, n_requests, BURST, PER_MINUTE, elapsed_s, required_s,
           required_s > 0 ? (elapsed_s / required_s - 1.0) * 100.0 : NAN, n_rate_limited);
}

int
main (int   argc,
      char *argv[])
{
  run (300);
  run (1000);

  return 0;
}
