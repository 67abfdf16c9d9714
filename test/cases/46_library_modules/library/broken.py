#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule
raise SystemExit("this module breaks before it answers")
