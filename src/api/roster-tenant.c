/* roster-tenant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-tenant.h"

static void
set_not_a_domain_error (GError     **error,
                        const char  *value)
{
  g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN,
               /* Translators: %s is the value the user entered. */
               _("“%s” is not a tenant domain. Enter a host name such as travel0.us.auth0.com."),
               value);
}

static gboolean
contains_space_or_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        return TRUE;
    }

  return FALSE;
}

/* Accepts an IP address or a host name made of letters, digits and hyphens in
 * non-empty dot-separated labels. */
static gboolean
host_is_valid (const char *host)
{
  g_auto(GStrv) labels = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize length = strlen (label);

      if (length == 0 || length > 63)
        return FALSE;

      if (label[0] == '-' || label[length - 1] == '-')
        return FALSE;

      for (const char *p = label; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p) && *p != '-')
            return FALSE;
        }
    }

  return TRUE;
}

/* Adds "https://" when the value has no scheme, and rejects schemes other
 * than http and https. */
static char *
add_default_scheme (const char  *value,
                    GError     **error)
{
  g_autofree char *scheme = NULL;

  if (strstr (value, "://") == NULL)
    return g_strconcat ("https://", value, NULL);

  scheme = g_uri_parse_scheme (value);
  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "https") != 0
          && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      set_not_a_domain_error (error, value);
      return NULL;
    }

  return g_strdup (value);
}

/* Rejects every part of a URI that a tenant domain cannot have. */
static gboolean
uri_is_bare_host (GUri *uri)
{
  const char *path = g_uri_get_path (uri);

  if (g_uri_get_userinfo (uri) != NULL)
    return FALSE;

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return FALSE;

  if (path[0] != '\0' && g_strcmp0 (path, "/") != 0)
    return FALSE;

  return host_is_valid (g_uri_get_host (uri));
}

/* SCHEME_NORMALIZE fills in the default port when the URI omits it. Returns
 * -1 for the default port of @uri's scheme, so the base URI leaves it out. */
static int
get_explicit_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (g_str_equal (g_uri_get_scheme (uri), "https") && port == 443)
    return -1;

  if (g_str_equal (g_uri_get_scheme (uri), "http") && port == 80)
    return -1;

  return port;
}

/**
 * roster_tenant_parse_domain:
 * @domain: a host name, optionally with a scheme, a port and a trailing slash
 * @error: return location for a ROSTER_API_ERROR_INVALID_DOMAIN error
 *
 * Parses a tenant domain into a base URI without a trailing slash. White
 * space around @domain is ignored. Scheme and host are lowercased, and a
 * port that is the scheme's default is dropped.
 *
 * Returns: (transfer full) (nullable): the base URI, or %NULL with @error set
 */
char *
roster_tenant_parse_domain (const char  *domain,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *uri_string = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (domain));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN,
                           _("The tenant domain is empty. Enter a host name such as travel0.us.auth0.com."));
      return NULL;
    }

  if (contains_space_or_control (trimmed))
    {
      set_not_a_domain_error (error, trimmed);
      return NULL;
    }

  uri_string = add_default_scheme (trimmed, error);
  if (uri_string == NULL)
    return NULL;

  /* SCHEME_NORMALIZE lowercases the scheme. */
  uri = g_uri_parse (uri_string, G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL || !uri_is_bare_host (uri))
    {
      set_not_a_domain_error (error, trimmed);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);

  if (g_str_equal (g_uri_get_scheme (uri), "http") && !roster_tenant_host_is_loopback (host))
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN,
                   /* Translators: %s is the value the user entered. */
                   _("Plain http is only allowed for a loopback address, not “%s”. Use https."),
                   trimmed);
      return NULL;
    }

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, host,
                     get_explicit_port (uri), "", NULL, NULL);
}

/**
 * roster_tenant_get_audience:
 * @base_uri: a base URI from roster_tenant_parse_domain()
 *
 * Builds the Management API audience for @base_uri.
 *
 * Auth0 wants the canonical domain as the audience even when the API is
 * called on a custom domain, so a client on a custom domain takes its
 * audience from roster_client_set_audience_domain() instead.
 *
 * Returns: (transfer full) (nullable): "https://{host[:port]}/api/v2/", or
 *   %NULL when @base_uri is not a URI
 */
char *
roster_tenant_get_audience (const char *base_uri)
{
  g_autoptr(GUri) uri = NULL;
  int port;

  g_return_val_if_fail (base_uri != NULL, NULL);

  uri = g_uri_parse (base_uri, G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  /* The audience keeps an explicit port, also an http loopback base's. */
  port = get_explicit_port (uri);
  if (port == 443)
    port = -1;

  return g_uri_join (G_URI_FLAGS_NONE, "https", NULL, g_uri_get_host (uri), port,
                     "/api/v2/", NULL, NULL);
}

/**
 * roster_tenant_host_is_loopback:
 * @host: a host name or IP address, IPv6 with or without brackets
 *
 * Checks whether @host is "localhost", an address in 127.0.0.0/8 or ::1.
 * No name is resolved.
 *
 * Returns: %TRUE for a loopback host
 */
gboolean
roster_tenant_host_is_loopback (const char *host)
{
  g_autofree char *bare = NULL;
  g_autoptr(GInetAddress) address = NULL;
  gsize length;

  g_return_val_if_fail (host != NULL, FALSE);

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  length = strlen (host);
  if (length >= 2 && host[0] == '[' && host[length - 1] == ']')
    bare = g_strndup (host + 1, length - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  if (address == NULL)
    return FALSE;

  return g_inet_address_get_is_loopback (address);
}
