/* roster-demo-tenant-main.c: runs the demo tenant until SIGINT or SIGTERM.
 *
 * The first line on stdout is the base URI, so that scripts can read it.
 * Everything meant for people goes to stderr. Set G_MESSAGES_DEBUG=Roster-Demo to see one
 * line per request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "roster-demo-tenant.h"

typedef struct
{
  int    port;
  int    latency_ms;
  char  *scopes;      /* owned, nullable */
  char  *rate_limit;  /* owned, nullable: "BURST:PER_MINUTE" */
  int    removal_delay_ms;
} Options;

static gboolean
quit_main_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

/* Parses "BURST:PER_MINUTE" into two unsigned numbers. */
static gboolean
parse_rate_limit (const char  *text,
                  guint       *burst,
                  guint       *per_minute,
                  GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint64 numbers[2];

  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Invalid --rate-limit value “%s”: expected BURST:PER_MINUTE, for example 20:200", text);
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    {
      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT, &numbers[i], NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Invalid --rate-limit value “%s”: “%s” is not a non-negative integer", text, parts[i]);
          return FALSE;
        }
    }

  *burst = numbers[0];
  *per_minute = numbers[1];
  return TRUE;
}

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *options,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &options->port,
      "TCP port on 127.0.0.1 to listen on (default 0: a free port)", "PORT" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &options->latency_ms,
      "Delay every response by MS milliseconds (default 0)", "MS" },
    { "scopes", 0, 0, G_OPTION_ARG_STRING, &options->scopes,
      "Space-separated scopes granted to issued tokens (default: every scope)", "SCOPES" },
    { "rate-limit", 0, 0, G_OPTION_ARG_STRING, &options->rate_limit,
      "Limit member writes (POST and DELETE) to a burst of BURST requests, refilled at PER_MINUTE a minute (default: no limit)",
      "BURST:PER_MINUTE" },
    { "removal-delay", 0, 0, G_OPTION_ARG_INT, &options->removal_delay_ms,
      "Keep removed members in member lists for MS milliseconds, as Auth0 does for 5-10 s (default 0)", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context,
                                "Serves a local emulator of the Auth0 Management API endpoints Roster uses.");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (options->port < 0 || options->port > G_MAXUINT16 || options->latency_ms < 0 || options->removal_delay_ms < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--port must be 0 to 65535, --latency and --removal-delay must not be negative");
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_tenant (RosterDemoTenant  *tenant,
                  const Options     *options,
                  GError           **error)
{
  if (options->rate_limit != NULL)
    {
      guint burst;
      guint per_minute;

      if (!parse_rate_limit (options->rate_limit, &burst, &per_minute, error))
        return FALSE;
      roster_demo_tenant_set_rate_limit (tenant, burst, per_minute);
    }

  if (options->scopes != NULL)
    roster_demo_tenant_set_scopes (tenant, options->scopes);

  roster_demo_tenant_set_latency (tenant, options->latency_ms);
  roster_demo_tenant_set_removal_delay (tenant, options->removal_delay_ms);

  return TRUE;
}

static void
print_instructions (RosterDemoTenant *tenant)
{
  const char *base_uri = roster_demo_tenant_get_base_uri (tenant);

  printf ("%s\n", base_uri);
  fflush (stdout);

  g_printerr ("Demo tenant listening on %s. Point Roster at it with:\n", base_uri);
  g_printerr ("  AUTH0_DOMAIN=%s\n", base_uri);
  g_printerr ("  AUTH0_CLIENT_ID=%s\n", ROSTER_DEMO_CLIENT_ID);
  g_printerr ("  AUTH0_CLIENT_SECRET=%s\n", ROSTER_DEMO_CLIENT_SECRET);
  g_printerr ("These credentials only open this local emulator. Press Ctrl+C to stop it.\n");
}

int
main (int   argc,
      char *argv[])
{
  Options options = { 0 };
  g_autoptr(RosterDemoTenant) tenant = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  /* stdout carries only the base URI, so debug messages go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  tenant = roster_demo_tenant_new ();
  if (!parse_options (&argc, &argv, &options, &error) ||
      !configure_tenant (tenant, &options, &error) ||
      !roster_demo_tenant_start (tenant, options.port, &error))
    {
      g_printerr ("roster-demo-tenant: %s\n", error->message);
      g_free (options.scopes);
      g_free (options.rate_limit);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_main_loop, loop);
  g_unix_signal_add (SIGTERM, quit_main_loop, loop);

  print_instructions (tenant);
  g_main_loop_run (loop);
  g_printerr ("Demo tenant stopped.\n");

  g_free (options.scopes);
  g_free (options.rate_limit);
  return EXIT_SUCCESS;
}
