/* roster-search-key.c: folded text for case- and accent-insensitive
 * search, computed once per item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-search-key.h"

/* Separates the fields of a key. RosterSearchFilter turns line breaks in
 * queries into spaces, so no match can span two fields. */
#define FIELD_SEPARATOR '\n'

static gboolean
is_combining_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;

    default:
      return FALSE;
    }
}

/**
 * roster_search_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds @text for matching: compatibility decomposition (NFKD), then
 * combining marks dropped, then case folding, so "José" and "JOSE" both
 * become "jose". Letters that do not decompose keep their identity: "Ł"
 * folds to "ł" and "Ø" to "ø", not to "l" and "o".
 *
 * Returns: (transfer full): the folded text, empty for %NULL
 */
char *
roster_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_combining_mark (c))
        g_string_append_unichar (stripped, c);
    }

  return g_utf8_casefold (stripped->str, stripped->len);
}

static void
append_field (GString    *key,
              const char *field)
{
  g_autofree char *folded = NULL;

  if (field == NULL || *field == '\0')
    return;

  folded = roster_search_fold (field);
  if (key->len > 0)
    g_string_append_c (key, FIELD_SEPARATOR);
  g_string_append (key, folded);
}

static const char *
get_cached_key (GObject    *object,
                GQuark      quark,
                const char *first_field,
                const char *second_field,
                const char *third_field)
{
  GString *key;
  const char *cached = g_object_get_qdata (object, quark);

  if (cached != NULL)
    return cached;

  key = g_string_new (NULL);
  append_field (key, first_field);
  append_field (key, second_field);
  append_field (key, third_field);

  cached = g_string_free (key, FALSE);
  g_object_set_qdata_full (object, quark, (gpointer) cached, g_free);

  return cached;
}

/**
 * roster_search_key_for_member:
 *
 * Returns the folded name, email and user ID of @member, one per line.
 * The key is computed on the first call and kept on the member, which is
 * immutable, so filtering folds each member once.
 *
 * Returns: (transfer none): the key, valid as long as @member
 */
const char *
roster_search_key_for_member (RosterMember *member)
{
  static GQuark quark;

  g_return_val_if_fail (ROSTER_IS_MEMBER (member), NULL);

  if (quark == 0)
    quark = g_quark_from_static_string ("roster-search-key");

  return get_cached_key (G_OBJECT (member), quark,
                         roster_member_get_name (member),
                         roster_member_get_email (member),
                         roster_member_get_user_id (member));
}

/**
 * roster_search_key_for_organization:
 *
 * Returns the folded display name and name of @organization, computed on
 * the first call and kept on the organization.
 *
 * Returns: (transfer none): the key, valid as long as @organization
 */
const char *
roster_search_key_for_organization (RosterOrganization *organization)
{
  static GQuark quark;

  g_return_val_if_fail (ROSTER_IS_ORGANIZATION (organization), NULL);

  if (quark == 0)
    quark = g_quark_from_static_string ("roster-search-key");

  return get_cached_key (G_OBJECT (organization), quark,
                         roster_organization_get_display_name (organization),
                         roster_organization_get_name (organization),
                         NULL);
}
