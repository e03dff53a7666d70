/* roster-demo-avatar.c: GET /avatars/{initials}.svg, the pictures of the
 * demo tenant's users.
 *
 * Auth0's default pictures are initials on a coloured disc, served from a
 * CDN. The demo tenant draws its own, so that a client showing pictures
 * never leaves the loopback interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

#define MAX_INITIALS 3

/* Dark enough for white text, from the GNOME palette. */
static const char *const disc_colors[] = {
  "#1c71d8", "#26a269", "#c64600", "#c01c28", "#813d9c", "#865e3c", "#5e5c64",
};

static gboolean
initials_are_valid (const char *initials)
{
  gsize length = strlen (initials);

  if (length == 0 || length > MAX_INITIALS)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_islower (initials[i]) && !g_ascii_isdigit (initials[i]))
        return FALSE;
    }

  return TRUE;
}

static char *
draw_avatar (const char *initials)
{
  const char *color = disc_colors[g_str_hash (initials) % G_N_ELEMENTS (disc_colors)];
  g_autofree char *label = g_ascii_strup (initials, -1);

  return g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\">"
                          "<circle cx=\"48\" cy=\"48\" r=\"48\" fill=\"%s\"/>"
                          "<text x=\"48\" y=\"61\" font-family=\"sans-serif\" font-size=\"36\" "
                          "text-anchor=\"middle\" fill=\"#ffffff\">%s</text>"
                          "</svg>\n",
                          color, label);
}

void
roster_demo_route_avatar (RosterDemoExchange *exchange)
{
  const char *file_name = exchange->segments[1];
  g_autofree char *initials = NULL;
  char *svg;

  g_assert (exchange != NULL);

  if (!g_str_equal (exchange->method, "GET"))
    {
      roster_demo_reply_method_not_allowed (exchange, "GET");
      return;
    }

  if (g_str_has_suffix (file_name, ".svg"))
    initials = g_strndup (file_name, strlen (file_name) - strlen (".svg"));
  if (initials == NULL || !initials_are_valid (initials))
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_NOT_FOUND, NULL, "Not Found");
      return;
    }

  svg = draw_avatar (initials);
  soup_server_message_set_status (exchange->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (exchange->msg, "image/svg+xml", SOUP_MEMORY_TAKE, svg, strlen (svg));
  exchange->status = SOUP_STATUS_OK;
}
