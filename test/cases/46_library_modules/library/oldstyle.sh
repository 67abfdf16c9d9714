#!/bin/sh
# old style: key=value arguments in a file named by the first argument
. "$1"
echo "{\"changed\": true, \"msg\": \"colour is $colour\"}"
