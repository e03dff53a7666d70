/* roster-member-details.c: a window with every field of one member, opened
 * by activating the member's row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-member-details.h"

#define AVATAR_SIZE 96

struct _RosterMemberDetails
{
  AdwWindow     parent_instance;

  RosterMember *member;       /* owned */
  AdwAvatar    *avatar;       /* unowned: in the header */
  GCancellable *cancellable;  /* owned, nullable: the picture download */
};

G_DEFINE_FINAL_TYPE (RosterMemberDetails, roster_member_details, ADW_TYPE_WINDOW)

/* Adds a row whose value can be selected and copied. A missing value reads
 * "Not set", dimmed, so that it does not look like an empty string. */
static void
add_field (AdwPreferencesGroup *group,
           const char          *title,
           const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : _("Not set"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), value != NULL && *value != '\0');
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (label, TRUE);
  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (label, "dim-label");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_preferences_group_add (group, row);
}

static char *
format_roles (RosterMember *member,
              const char   *roles_unavailable)
{
  const char * const *roles = roster_member_get_roles (member);

  if (roles_unavailable != NULL)
    return g_strdup (roles_unavailable);

  if (roles == NULL || roles[0] == NULL)
    /* Translators: a member with no role in the organization */
    return g_strdup (C_("roles", "None"));

  /* Translators: separates the names of a member's roles */
  return g_strjoinv (_(", "), (char **) roles);
}

/* The avatar shows initials until roster_member_details_load_picture()
 * replaces them with the member's picture. */
static GtkWidget *
build_header (RosterMemberDetails *self)
{
  RosterMember *member = self->member;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *avatar = adw_avatar_new (AVATAR_SIZE, roster_member_get_label (member), TRUE);
  GtkWidget *title = gtk_label_new (roster_member_get_label (member));

  self->avatar = ADW_AVATAR (avatar);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title, "title-2");

  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), title);

  return box;
}

static void
build_content (RosterMemberDetails *self,
               const char          *roles_unavailable)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *header_group = adw_preferences_group_new ();
  GtkWidget *fields = adw_preferences_group_new ();
  g_autofree char *roles = format_roles (self->member, roles_unavailable);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (header_group), build_header (self));
  add_field (ADW_PREFERENCES_GROUP (fields), _("Name"), roster_member_get_name (self->member));
  add_field (ADW_PREFERENCES_GROUP (fields), _("Email"), roster_member_get_email (self->member));
  add_field (ADW_PREFERENCES_GROUP (fields), _("User ID"), roster_member_get_user_id (self->member));
  add_field (ADW_PREFERENCES_GROUP (fields), _("Roles"), roles);
  add_field (ADW_PREFERENCES_GROUP (fields), _("Picture"), roster_member_get_picture (self->member));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (header_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (fields));
  gtk_widget_set_vexpand (page, TRUE);

  gtk_box_append (GTK_BOX (toolbar), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

static void
roster_member_details_dispose (GObject *object)
{
  RosterMemberDetails *self = (RosterMemberDetails *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_member_details_parent_class)->dispose (object);
}

static void
roster_member_details_finalize (GObject *object)
{
  RosterMemberDetails *self = (RosterMemberDetails *) object;

  g_clear_object (&self->member);

  G_OBJECT_CLASS (roster_member_details_parent_class)->finalize (object);
}

static void
roster_member_details_class_init (RosterMemberDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_member_details_dispose;
  object_class->finalize = roster_member_details_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
roster_member_details_init (RosterMemberDetails *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Member"));
  gtk_window_set_default_size (GTK_WINDOW (self), 460, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
}

/**
 * roster_member_details_new:
 * @parent: (nullable): the window to stay above
 * @roles_unavailable: (nullable): why the roles are unknown, shown in
 *   their place, or %NULL when the list included roles
 *
 * Creates the details window of @member. Present it with
 * gtk_window_present().
 */
RosterMemberDetails *
roster_member_details_new (GtkWindow    *parent,
                           RosterMember *member,
                           const char   *roles_unavailable)
{
  RosterMemberDetails *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_MEMBER (member), NULL);

  self = g_object_new (ROSTER_TYPE_MEMBER_DETAILS,
                       "transient-for", parent,
                       NULL);
  self->member = g_object_ref (member);
  build_content (self, roles_unavailable);

  return self;
}

/* Returns: (transfer none): the member shown */
RosterMember *
roster_member_details_get_member (RosterMemberDetails *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER_DETAILS (self), NULL);

  return self->member;
}

static void
on_picture_fetched (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RosterMemberDetails) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  bytes = roster_client_fetch_picture_finish (ROSTER_CLIENT (object), result, &error);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);

  /* Without the picture the avatar keeps the initials, which is what the
   * list shows too, so the reason only goes to the debug log. */
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No picture for %s: %s", roster_member_get_user_id (self->member), error->message);
      return;
    }

  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

/**
 * roster_member_details_load_picture:
 * @client: the client whose connection downloads the picture
 *
 * Replaces the initials in the avatar with the member's picture once it has
 * downloaded. A member without a picture keeps the initials.
 */
void
roster_member_details_load_picture (RosterMemberDetails *self,
                                    RosterClient        *client)
{
  const char *picture;

  g_return_if_fail (ROSTER_IS_MEMBER_DETAILS (self));
  g_return_if_fail (ROSTER_IS_CLIENT (client));

  picture = roster_member_get_picture (self->member);
  if (picture == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  roster_client_fetch_picture_async (client, picture, self->cancellable,
                                     on_picture_fetched, g_object_ref (self));
}

/* Returns: (transfer none): the avatar in the header, for tests */
AdwAvatar *
roster_member_details_get_avatar (RosterMemberDetails *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER_DETAILS (self), NULL);

  return self->avatar;
}
