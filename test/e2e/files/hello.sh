#!/bin/sh
echo "script ran on $(hostname) with $1" > /tmp/script-out
