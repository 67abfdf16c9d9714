# An excerpt of nova/cmd/manage.py (class DbCommands) at openstack/nova 12.0.6 (upstream Liberty), Apache License 2.0: what the lab's
# python-nova package of this release installs, so a check can read the real code.
class DbCommands(object):
    """Class for managing the main database."""

    def __init__(self):
        pass

    @args('--version', metavar='<version>', help='Database version')
    def sync(self, version=None):
        """Sync the database up to the most recent version."""
        return migration.db_sync(version)

    @args('--dry-run', action='store_true', dest='dry_run',
          default=False, help='Print SQL statements instead of executing')
    def expand(self, dry_run):
        """Expand database schema."""
        return migration.db_expand(dry_run)

    @args('--dry-run', action='store_true', dest='dry_run',
          default=False, help='Print SQL statements instead of executing')
    def migrate(self, dry_run):
        """Migrate database schema."""
        return migration.db_migrate(dry_run)

    @args('--dry-run', action='store_true', dest='dry_run',
          default=False, help='Print SQL statements instead of executing')
    @args('--force-experimental-contract', action='store_true',
          dest='force_experimental_contract',
          help="Force experimental contract operation to run *VOLATILE*")
    def contract(self, dry_run, force_experimental_contract=False):
        """Contract database schema."""
        if force_experimental_contract:
            return migration.db_contract(dry_run)
        print('The "contract" command is experimental and potentially '
              'dangerous. As such, it is disabled by default. Enable using '
              '"--force-experimental".')

    def version(self):
        """Print the current database version."""
        print(migration.db_version())

    @args('--max_rows', metavar='<number>',
            help='Maximum number of deleted rows to archive')
    def archive_deleted_rows(self, max_rows):
        """Move up to max_rows deleted rows from production tables to shadow
        tables.
        """
        if max_rows is not None:
            max_rows = int(max_rows)
            if max_rows < 0:
                print(_("Must supply a positive value for max_rows"))
                return(1)
        admin_context = context.get_admin_context()
        db.archive_deleted_rows(admin_context, max_rows)

    @args('--delete', action='store_true', dest='delete',
          help='If specified, automatically delete any records found where '
               'instance_uuid is NULL.')
    def null_instance_uuid_scan(self, delete=False):
        """Lists and optionally deletes database records where
        instance_uuid is NULL.
        """
        hits = migration.db_null_instance_uuid_scan(delete)
        records_found = False
        for table_name, records in six.iteritems(hits):
            # Don't print anything for 0 hits
            if records:
                records_found = True
                if delete:
                    print(_("Deleted %(records)d records "
                            "from table '%(table_name)s'.") %
                          {'records': records, 'table_name': table_name})
                else:
                    print(_("There are %(records)d records in the "
                            "'%(table_name)s' table where the uuid or "
                            "instance_uuid column is NULL. Run this "
                            "command again with the --delete option after you "
                            "have backed up any necessary data.") %
                          {'records': records, 'table_name': table_name})
        # check to see if we didn't find anything
        if not records_found:
            print(_('There were no records found where '
                    'instance_uuid was NULL.'))


