// An S3-compatible server on loopback for the integration tests.
// Usage: node server.js <port> <data-directory> [bucket ...]
// @20minutes/s3rver 4.x decodes the AWS SDK v4's chunked uploads (s3rver 3.x stores the chunk framing inside
// the object), and allowMismatchedSignatures lets any access key in.
const S3rver = require('@20minutes/s3rver');

const [port = '4569', directory = './s3-data', ...buckets] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  allowMismatchedSignatures: true,
  vhostBuckets: false,
  configureBuckets: (buckets.length ? buckets : ['orchestrated-test']).map((name) => ({ name })),
});
server.run((error, { address, port: bound } = {}) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  console.log(`s3 listening on http://${address}:${bound}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
