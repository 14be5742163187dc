package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.advisor.EntityModel.ExpectedColumn;
import io.querylens.driver.detect.advisor.EntityModel.ExpectedTable;
import io.querylens.driver.internal.Log;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands Hibernate's entity model to the schema advisor ({@link EntityModels}) when a session factory is built, and
 * takes it back when the factory closes. Registered in {@code META-INF/services/org.hibernate.integrator.spi.Integrator};
 * Hibernate is an optional dependency, so without it this class is never loaded.
 *
 * <p>What is read: each entity's own table and the columns of its identifier, discriminator and declared attributes
 * (to-one associations and embedded values included; collections, whose columns live in another table, are not).
 * Join tables of many-to-many associations are not compared. Nothing here may fail the application's start: any
 * problem is logged once and the model is skipped.
 */
public final class HibernateEntityModelIntegrator implements Integrator {
    private static final Log LOG = Log.forName("io.querylens.advisor");
    private static final List<String> URL_SETTINGS = List.of("jakarta.persistence.jdbc.url",
            "hibernate.connection.url", "javax.persistence.jdbc.url");
    private static final Map<SessionFactoryImplementor, EntityModel> REGISTERED = new ConcurrentHashMap<>();

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        try {
            Map<String, Object> settings = bootstrapContext.getServiceRegistry()
                    .requireService(ConfigurationService.class).getSettings();
            String url = null;
            for (String key : URL_SETTINGS) {
                if (settings.get(key) instanceof String value && !value.isBlank()) {
                    url = value;
                    break;
                }
            }
            String name = sessionFactory.getName() != null ? sessionFactory.getName()
                    : settings.get("jakarta.persistence.unitName") instanceof String unit ? unit : "hibernate";
            EntityModel model = new EntityModel(name, url, tables(metadata));
            REGISTERED.put(sessionFactory, model);
            EntityModels.register(model);
        } catch (Throwable failure) {
            LOG.warn("QueryLens could not read Hibernate's entity model for schema drift checks (the application is "
                    + "not affected): " + failure);
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        EntityModel model = REGISTERED.remove(sessionFactory);
        if (model != null) {
            EntityModels.unregister(model);
        }
    }

    private static List<ExpectedTable> tables(Metadata metadata) {
        // One entry per (entity, table): a single-table subclass adds its own attributes to its root's table.
        Map<String, TableBuilder> byEntityTable = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            String entityName = entity.getJpaEntityName() != null ? entity.getJpaEntityName() : entity.getEntityName();
            if (entity.getIdentifierProperty() != null) {
                add(byEntityTable, metadata, entityName, entity.getIdentifierProperty().getName(),
                        entity.getIdentifier().getTable(), entity.getIdentifier().getColumns());
            } else if (entity.getIdentifier() != null) {
                add(byEntityTable, metadata, entityName, "id", entity.getIdentifier().getTable(),
                        entity.getIdentifier().getColumns());
            }
            if (entity.getDiscriminator() != null && entity.getDiscriminator().getTable() != null) {
                add(byEntityTable, metadata, entityName, "(discriminator)", entity.getDiscriminator().getTable(),
                        entity.getDiscriminator().getColumns());
            }
            for (Property property : entity.getProperties()) {
                if (property.getValue() instanceof Collection) {
                    continue;
                }
                add(byEntityTable, metadata, entityName, property.getName(), property.getValue().getTable(),
                        property.getColumns());
            }
        }
        List<ExpectedTable> tables = new ArrayList<>();
        byEntityTable.values().forEach(b -> tables.add(b.build()));
        return List.copyOf(tables);
    }

    private static void add(Map<String, TableBuilder> byEntityTable, Metadata metadata, String entity, String field,
                            Table table, List<Column> columns) {
        if (table == null || columns == null || columns.isEmpty()) {
            return;
        }
        TableBuilder builder = byEntityTable.computeIfAbsent(entity + "|" + table.getSchema() + "|" + table.getName(),
                k -> new TableBuilder(entity, table));
        for (Column column : columns) {
            String sqlType;
            try {
                sqlType = column.getSqlType(metadata);
            } catch (RuntimeException unresolved) {
                sqlType = null;
            }
            builder.columns.add(new ExpectedColumn(field, column.getName(), column.isQuoted(), sqlType,
                    column.isNullable()));
        }
    }

    private static final class TableBuilder {
        final String entity;
        final Table table;
        final List<ExpectedColumn> columns = new ArrayList<>();

        TableBuilder(String entity, Table table) {
            this.entity = entity;
            this.table = table;
        }

        ExpectedTable build() {
            return new ExpectedTable(entity, table.getSchema(), table.getName(), table.isQuoted(), List.copyOf(columns));
        }
    }
}
