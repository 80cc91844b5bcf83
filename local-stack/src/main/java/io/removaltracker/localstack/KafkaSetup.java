package io.removaltracker.localstack;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.removaltracker.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What an admin puts into a fresh broker before anything else uses it: the topics of the
 * topic list and the ACLs of {@link KafkaAcls}. Both steps are idempotent, so the
 * launcher and docker-compose.yml's setup step run them at every start.
 */
final class KafkaSetup {

	private KafkaSetup() {
	}

	/**
	 * Creates every topic of {@link Topics#all()} with its partitions and settings; those
	 * already there stay as they are.
	 * @return how many were created now
	 */
	static int createTopics(Admin admin) throws InterruptedException {
		List<NewTopic> topics = Topics.all().stream().map((topic) -> topic.newTopic()).toList();
		int created = 0;
		for (var entry : admin.createTopics(topics).values().entrySet()) {
			try {
				entry.getValue().get(30, TimeUnit.SECONDS);
				created++;
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException(
							"topic " + entry.getKey() + " could not be created: " + ex.getCause().getMessage(), ex);
				}
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("topic " + entry.getKey() + " was not created within 30 s", ex);
			}
		}
		return created;
	}

	/** Creates the ACLs; those already there stay. */
	static void createAcls(Admin admin, List<AclBinding> acls) throws InterruptedException {
		try {
			admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("the ACLs could not be created: " + ex.getMessage(), ex);
		}
	}

}
