namespace Orchestrated.Execution.Messaging;

public enum BrokerTransport { InMemory, RabbitMq }
