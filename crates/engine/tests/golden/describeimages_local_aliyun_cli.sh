aliyun ecs DescribeImages \
  --RegionId cn-shanghai \
  --Status Creating,Waiting \
  --endpoint 127.0.0.1:8765 \
  --insecure