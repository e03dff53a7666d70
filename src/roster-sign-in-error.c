/* roster-sign-in-error.c: explains why signing in to a tenant failed, and
 * what to change in Roster or in the Auth0 Dashboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "roster-api.h"
#include "roster-error-text.h"
#include "roster-sign-in-error.h"

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_ascii_strdown (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/* /oauth/token errors carry the OAuth "error" and "error_description". */
static char *
describe_token_error (const GError *error)
{
  const char *oauth_error = roster_api_error_get_auth0_error (error);
  const char *description = roster_api_error_get_auth0_message (error);

  if (description == NULL)
    description = "";

  /* Auth0 returns this description when the audience names a custom
   * domain. Older Auth0 documentation quotes "Service not found". */
  if (contains_casefold (description, "service not enabled within domain") ||
      contains_casefold (description, "service not found"))
    return g_strdup_printf (_("The tenant has no Management API at this audience (%s). Enter the "
                              "tenant’s canonical domain, such as example.us.auth0.com, as the "
                              "domain, and a custom domain only under Custom Domain."),
                            description);

  if (g_strcmp0 (oauth_error, "access_denied") == 0 && roster_api_error_get_status (error) == 403)
    return g_strdup_printf (_("Auth0 refused a Management API token to this application (%s). "
                              "In the Auth0 Dashboard, authorize the application for the Auth0 "
                              "Management API under Applications › APIs › Auth0 Management API › "
                              "Machine to Machine Applications."),
                            description);

  if (g_strcmp0 (oauth_error, "access_denied") == 0 ||
      g_strcmp0 (oauth_error, "invalid_client") == 0 ||
      g_strcmp0 (oauth_error, "unauthorized_client") == 0)
    /* Translators: the first %s is an OAuth error code such as
     * access_denied, the second Auth0's explanation, in English */
    return g_strdup_printf (_("Auth0 rejected the client ID or client secret (%s: %s). Copy both "
                              "again from the application’s settings in the Auth0 Dashboard."),
                            oauth_error, description);

  return NULL;
}

/**
 * roster_sign_in_error_describe:
 * @error: why obtaining a token or the first request failed
 * @host: the host Roster tried to reach, to name it
 *
 * Returns: (transfer full): one or two sentences of plain text
 */
char *
roster_sign_in_error_describe (const GError *error,
                               const char   *host)
{
  g_autoptr(GDateTime) now = NULL;
  char *text = NULL;

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_TOKEN))
    text = describe_token_error (error);
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    /* Translators: %s is a host name, such as example.us.auth0.com */
    text = g_strdup_printf (_("The host %s was not found. Check the domain for typos."), host);
  else if (error->domain == G_TLS_ERROR)
    /* Translators: the first %s is a host name, the second the reason */
    text = g_strdup_printf (_("Could not make a secure connection to %s: %s. Check the domain, "
                              "and whether a proxy or firewall intercepts the connection."),
                            host, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    text = g_strdup_printf (_("%s refused the connection. Check the domain."), host);

  if (text != NULL)
    return text;

  now = g_date_time_new_now_local ();
  return roster_error_text_describe (error, "read:organizations", now);
}
