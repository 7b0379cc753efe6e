"""What a deploy needs: HAProxy in front of several replicas (replicas.py, haproxy.cfg), Compose and Kubernetes."""
