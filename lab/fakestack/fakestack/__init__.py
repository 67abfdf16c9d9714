"""fakestack: the lab's fake OpenStack (Juno / Liberty) packages.

Tools, services and schemas behave -- and fail -- like the real ones as recorded in
../shared/OPENSTACK.md; every message a tool prints is quoted from there. Where that file
says [UNVERIFIED], the behaviour chosen here is marked "chosen" in a comment.
Runs on the lab hosts with Debian's python3 and python3-pymysql.
"""
