/* roster-csv.c: members as CSV text (RFC 4180), without GTK, so that
 * exports are tested on their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-csv.h"

/* RFC 4180 ends every record, the last one included, with CRLF. */
#define RECORD_END "\r\n"

/* Joins the role names of one member inside their field. */
#define ROLE_SEPARATOR "; "

static gboolean
needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

static void
append_field (GString    *csv,
              const char *field)
{
  if (!needs_quotes (field))
    {
      g_string_append (csv, field);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/**
 * roster_csv_append_record:
 * @fields: (array length=n_fields) (nullable): the fields; a %NULL field
 *   is written as an empty one
 *
 * Appends one record to @csv. Fields that contain a comma, a double quote,
 * CR or LF are quoted, with each double quote doubled.
 */
void
roster_csv_append_record (GString            *csv,
                          const char * const *fields,
                          gsize               n_fields)
{
  g_return_if_fail (csv != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_field (csv, fields[i] != NULL ? fields[i] : "");
    }

  g_string_append (csv, RECORD_END);
}

/**
 * roster_csv_format_members:
 * @members: (element-type RosterMember): the members, in the order to write
 *
 * Formats a header record (user_id, name, email, roles, named like Auth0's
 * fields) and one record per member, in UTF-8. Roles are joined with "; "
 * in one field, and the field is empty when the list did not include
 * roles.
 *
 * NOTE: values are written unchanged, so a spreadsheet program may run a
 * name that starts with "=", "+", "-" or "@" as a formula.
 *
 * Returns: (transfer full): the CSV text
 */
char *
roster_csv_format_members (GPtrArray *members)
{
  static const char * const header[] = { "user_id", "name", "email", "roles" };
  GString *csv;

  g_return_val_if_fail (members != NULL, NULL);

  csv = g_string_new (NULL);
  roster_csv_append_record (csv, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < members->len; i++)
    {
      RosterMember *member = g_ptr_array_index (members, i);
      const char * const *roles = roster_member_get_roles (member);
      g_autofree char *joined = roles != NULL ? g_strjoinv (ROLE_SEPARATOR, (char **) roles) : NULL;
      const char *fields[] = {
        roster_member_get_user_id (member),
        roster_member_get_name (member),
        roster_member_get_email (member),
        joined,
      };

      roster_csv_append_record (csv, fields, G_N_ELEMENTS (fields));
    }

  return g_string_free (csv, FALSE);
}
