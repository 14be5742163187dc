package io.querylens.driver.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The dataSource name in findings, metrics and events never carries a credential, whatever URL form holds it. */
class DataSourceNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:querylens:postgresql://db:5432/shop?user=u&password=S3cr3t|jdbc:postgresql://db:5432/shop",
            "jdbc:postgresql://db/shop?sslpassword=S3cr3t;password=S3cr3t|jdbc:postgresql://db/shop",
            "jdbc:querylens:mysql://u:S3cr3t@db:3306/shop|jdbc:mysql://db:3306/shop",
            "jdbc:mariadb://u:S3cr3t@db1,db2/shop?password=S3cr3t|jdbc:mariadb://db1,db2/shop",
            "jdbc:mysql://u@db/shop|jdbc:mysql://db/shop",
            "jdbc:mysql://(host=db,port=3306,user=u,password=S3cr3t)/shop|jdbc:mysql://(host=db,port=3306)/shop",
            "jdbc:mysql://address=(host=db)(port=3306)(user=u)(password=S3cr3t)/shop|jdbc:mysql://address=(host=db)(port=3306)/shop",
            "jdbc:mysql://(password=S3cr3t,host=db)/shop|jdbc:mysql://(host=db)/shop",
            "jdbc:sqlserver://db:1433;databaseName=shop;password=S3cr3t|jdbc:sqlserver://db:1433",
            "jdbc:oracle:thin:u/S3cr3t@//db:1521/shop|jdbc:oracle:thin:@//db:1521/shop",
            "jdbc:oracle:thin:u/S3cr3t@db:1521:orcl|jdbc:oracle:thin:@db:1521:orcl",
    })
    void credentialsAreStripped(String url, String expected) {
        assertThat(DataSourceNames.sanitize(url)).isEqualTo(expected).doesNotContain("S3cr3t");
    }
}
